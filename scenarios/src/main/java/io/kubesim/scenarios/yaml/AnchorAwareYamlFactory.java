package io.kubesim.scenarios.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML factory whose parsers tell the anchor of every node, scalars included (Jackson's own
 * {@link YAMLParser#getCurrentAnchor()} reports anchors of mappings and sequences only, and
 * {@code name: &n web} is as valid an anchor as any), and whether a key was written plain.
 */
final class AnchorAwareYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    AnchorAwareYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) {
        return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }

    /** A parser that also reads the anchor of the scalar, mapping or sequence it stands on. */
    static final class Parser extends YAMLParser {
        Parser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions loaderOptions, ObjectCodec codec,
               Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
        }

        /**
         * True when the current token (a mapping key) was written plain, without quotes: only a
         * plain {@code <<} is a merge key in go-yaml ({@code isMerge}: an implicit scalar).
         */
        boolean plainScalar() {
            return _lastEvent instanceof ScalarEvent s && s.isPlain();
        }

        /** The anchor ({@code &name}) of the current node, or null; never an alias's name. */
        String anchor() {
            return _lastEvent instanceof NodeEvent n && !(n instanceof AliasEvent) ? n.getAnchor() : null;
        }
    }
}
