package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The documentation stands on its own in a user's clone: every relative link in README.md and
 * docs/ reaches a file of the repository (and a heading, for {@code #fragment}s, by GitHub's
 * anchor rules), and nothing points to the maintainers' notes outside it.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    @Test
    @DisplayName("every relative link in README.md and docs/ resolves inside the repository, #anchors included")
    void linksResolve() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            String text = withoutCodeBlocks(Files.readString(doc));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String fragment = hash < 0 ? "" : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                String where = CliHarness.ROOT.relativize(doc) + ": " + target;
                if (!resolved.startsWith(CliHarness.ROOT) || !Files.exists(resolved)) {
                    broken.add(where + ": no such file in the repository");
                } else if (!fragment.isEmpty() && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(fragment)) {
                    broken.add(where + ": no heading #" + fragment);
                }
            }
        }
        assertTrue(checked > 20, "the documentation links to itself; found " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    @DisplayName("no page sends the reader to files a clone does not have (../shared, the maintainers' semantics notes)")
    void selfContained() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("k8s-semantics") || lines.get(i).contains("shared/")) {
                    found.add(CliHarness.ROOT.relativize(doc) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> docs() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(CliHarness.ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(CliHarness.ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    private static String withoutCodeBlocks(String text) {
        return text.replaceAll("(?s)```.*?```", "");
    }

    /** GitHub's heading anchors: lower case, punctuation dropped except - and _, spaces to -, -1, -2 for repeats. */
    private static Set<String> anchors(Path md) throws IOException {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : Files.readAllLines(md)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            if (code) {
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = m.group(2).replace("`", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                out.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return out;
    }
}
