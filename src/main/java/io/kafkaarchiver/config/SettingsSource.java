package io.kafkaarchiver.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Where settings come from, weakest first: the defaults inside the jar, an {@code application.properties}
 * in the working directory, then environment variables named after the property
 * ({@code archive.rotate.max-age} → {@code ARCHIVE_ROTATE_MAX_AGE}; {@code kafka.consumer.sasl.jaas.config} →
 * {@code KAFKA_CONSUMER_SASL_JAAS_CONFIG} for any property the Kafka consumer defines).
 */
public final class SettingsSource {

    public static final String FILE_NAME = "application.properties";

    private SettingsSource() {
    }

    public static Properties load(Path directory, Map<String, String> environment) {
        return loadFile(directory.resolve(FILE_NAME), environment);
    }

    /** As {@link #load}, with the user's settings from {@code file} (skipped when it does not exist). */
    public static Properties loadFile(Path file, Map<String, String> environment) {
        Properties merged = defaults();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                merged.load(in);
            } catch (IOException e) {
                throw new SettingsException(file.toString(), "cannot be read: " + e.getMessage());
            }
        }
        merged.putAll(fromEnvironment(merged.stringPropertyNames(), environment));
        return merged;
    }

    /**
     * The settings among {@code keys}, and the Kafka consumer's own properties, that {@code environment} sets,
     * each by its variable ({@link #environmentName}).
     */
    public static Map<String, String> fromEnvironment(Collection<String> keys, Map<String, String> environment) {
        Set<String> names = new HashSet<>(keys);
        // Kafka consumer properties need not be in a file to be set from the environment (a Kubernetes Secret
        // holding the SASL login, say): those the consumer defines are looked for by their variable too.
        ConsumerConfig.configNames().forEach(name -> names.add(ArchiveSettings.CONSUMER_PREFIX + name));
        // A deployment may still set a renamed setting by its old variable (S3_KEY_TEMPLATE): read, then renamed with a warning.
        names.addAll(RenamedSettings.NEW_NAMES.keySet());
        Map<String, String> set = new HashMap<>();
        for (String key : names) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                set.put(key, value);
            }
        }
        return set;
    }

    /**
     * The defaults the jar (or the Karaf bundle) carries as its own {@code application.properties}, read from beside this
     * class: in an application that depends on the archiver, the root {@code application.properties} is the application's.
     */
    public static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = SettingsSource.class.getResourceAsStream(FILE_NAME)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its default " + FILE_NAME);
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /** Camel's convention: upper case, with dots and dashes as underscores. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
