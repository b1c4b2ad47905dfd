package io.kafkaarchiver.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Set<String> keys = new HashSet<>(merged.stringPropertyNames());
        // Kafka consumer properties need not be in a file to be set from the environment (a Kubernetes Secret
        // holding the SASL login, say): those the consumer defines are looked for by their variable too.
        ConsumerConfig.configNames().forEach(name -> keys.add(ArchiveSettings.CONSUMER_PREFIX + name));
        for (String key : keys) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                merged.setProperty(key, value);
            }
        }
        return merged;
    }

    /**
     * The defaults the jar (or the Karaf bundle) carries as its own {@code application.properties}: read from the
     * jar this class is in, because an application that embeds the archiver has its own file of that name
     * earlier on the classpath.
     */
    public static Properties defaults() {
        Properties defaults = new Properties();
        String self = SettingsSource.class.getName().replace('.', '/') + ".class";
        String url = String.valueOf(SettingsSource.class.getClassLoader().getResource(self));
        try (InputStream in = URI.create(url.substring(0, url.length() - self.length()) + FILE_NAME).toURL().openStream()) {
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (FileNotFoundException | IllegalArgumentException e) {
            throw new IllegalStateException("the jar lacks its default " + FILE_NAME, e);
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
