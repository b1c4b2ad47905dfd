package io.kafkaarchiver.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Looks settings up by name and turns each malformed value into a message that names it. */
record SettingReader(Properties props) {

    void rejectUnknown() {
        for (String key : props.stringPropertyNames()) {
            boolean ours = key.startsWith("archive.") || key.startsWith("s3.") || key.startsWith("azure.") || key.startsWith("kafka.");
            if (ours && !ArchiveSettings.KEYS.contains(key) && !key.startsWith(ArchiveSettings.CONSUMER_PREFIX)) {
                throw new SettingsException(key, "unknown setting (known: " + String.join(", ", new TreeSet<>(ArchiveSettings.KEYS))
                        + ", and kafka.consumer.* for any Kafka consumer property)");
            }
        }
    }

    String get(String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new SettingsException(key, "missing");
        }
        return value;
    }

    String required(String key) {
        String value = get(key).trim();
        if (value.isEmpty()) {
            throw new SettingsException(key, "must not be empty");
        }
        return value;
    }

    <T> T parsed(String key, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(get(key));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key, e.getMessage());
        }
    }

    Duration duration(String key) {
        Duration d = SettingValues.duration(key, get(key));
        if (d.isZero()) {
            throw new SettingsException(key, "must be more than 0");
        }
        return d;
    }

    long size(String key) {
        return SettingValues.size(key, get(key));
    }

    long positiveSize(String key) {
        long size = SettingValues.size(key, get(key));
        if (size <= 0) {
            throw new SettingsException(key, "must be more than 0");
        }
        return size;
    }

    long positiveLong(String key) {
        String value = get(key).trim();
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(key, "'" + value + "' is not a whole number above 0");
    }

    Pattern pattern(String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new SettingsException(key, "'" + value + "' is not a regular expression: " + e.getDescription());
        }
    }

    boolean bool(String key) {
        String value = get(key).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new SettingsException(key, "'" + value + "' is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    String oneOf(String key, String... accepted) {
        String value = get(key).trim();
        for (String a : accepted) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new SettingsException(key, "'" + value + "' is not one of: " + Arrays.stream(accepted)
                .map(a -> a.isEmpty() ? "(empty)" : a).collect(Collectors.joining(", ")));
    }

    /** A URL, or null when empty: then {@code otherwise} applies (for messages), as {@code example} would not. */
    URI uri(String key, String example, String otherwise) {
        String value = get(key).trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key, "'" + value + "' is not a URL like " + example + " (leave it empty for " + otherwise + ")");
        }
    }
}
