package io.kafkaarchiver.springboot;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.FileSettings;
import io.kafkaarchiver.config.RenamedSettings;
import io.kafkaarchiver.config.SettingsSource;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/** The archiver's settings in a Spring Boot application: the jar's defaults, overridden by the application's Environment. */
final class EnvironmentSettings {

    /** The archiver's keys; {@code camel.*} is the application's own, read by Camel Spring Boot. */
    private static final List<String> PREFIXES = List.of("kafka.", "archive.", "s3.");
    /** The archiver's keys of a prefix it does not own: {@code file.*} is also the JVM's ({@code file.encoding}). */
    private static final Set<String> KEYS = Set.of(FileSettings.ROOT);

    private EnvironmentSettings() {
    }

    static Properties read(ConfigurableEnvironment environment) {
        Properties merged = new Properties();
        Properties defaults = SettingsSource.defaults();
        Set<String> keys = new HashSet<>();
        for (String key : defaults.stringPropertyNames()) {
            if (isArchivers(key)) {
                merged.setProperty(key, defaults.getProperty(key));
                keys.add(key);
            }
        }
        // Names as written in application.yaml and the like, so that a misspelt one is refused by name.
        environment.getPropertySources().stream().filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> List.of(((EnumerablePropertySource<?>) source).getPropertyNames()).stream())
                .filter(EnvironmentSettings::isArchivers).forEach(keys::add);
        // Environment variables list no such names: as for the jar, the ones the archiver knows are asked for by name
        // (Spring maps kafka.consumer.sasl.jaas.config to KAFKA_CONSUMER_SASL_JAAS_CONFIG).
        ConsumerConfig.configNames().forEach(name -> keys.add(ArchiveSettings.CONSUMER_PREFIX + name));
        // And the former names of renamed settings (S3_KEY_TEMPLATE), which are read, with a warning.
        keys.addAll(RenamedSettings.NEW_NAMES.keySet());
        for (String key : keys) {
            String value = environment.getProperty(key);
            if (value != null) {
                merged.setProperty(key, value);
            }
        }
        return merged;
    }

    private static boolean isArchivers(String key) {
        return PREFIXES.stream().anyMatch(key::startsWith) || KEYS.contains(key);
    }
}
