package io.k3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build stamped into the jar: the version, the commit it was built from, and when. */
record BuildInfo(String version, String commit, String date) {
    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "/io/k3j/version.properties";

    /** This jar's build, from the resource Maven filtered. */
    static BuildInfo ofThisJar() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value missing, blank or left unfiltered (run from an IDE's unfiltered classes) is unknown. */
    static BuildInfo of(Properties properties) {
        return new BuildInfo(value(properties, "version"), value(properties, "commit"), value(properties, "date"));
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }
}
