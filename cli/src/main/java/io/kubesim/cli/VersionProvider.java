package io.kubesim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/kubesim-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[]{"kubesim " + p.getProperty("version", "unknown")};
    }
}
