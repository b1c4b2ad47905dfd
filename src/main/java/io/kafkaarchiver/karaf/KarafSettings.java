package io.kafkaarchiver.karaf;

import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.Properties;

/**
 * The settings in Karaf: the bundle's own {@code application.properties}, overridden by the
 * Configuration Admin configuration {@code io.kafkaarchiver} ({@code etc/io.kafkaarchiver.cfg}), overridden
 * by Karaf's environment variables named as the jar names them ({@code s3.secret-key} → {@code S3_SECRET_KEY}).
 */
final class KarafSettings {

    static final String PID = "io.kafkaarchiver";
    private static final String CAMEL = "camel.";

    private KarafSettings() {
    }

    /**
     * @param configuration Configuration Admin's properties; null before a configuration exists
     * @param environment   Karaf's environment variables: a secret given there never reaches Configuration Admin,
     *                      so {@code config:list} cannot print it
     */
    static Properties merge(Dictionary<String, ?> configuration, Map<String, String> environment) {
        Properties merged = SettingsSource.defaults();
        if (configuration != null) {
            for (String key : Collections.list(configuration.keys())) {
                if (key.startsWith(CAMEL)) {
                    throw new SettingsException(key, "Camel Main settings do not apply in Karaf, where the archiver runs in a"
                            + " CamelContext of its own (see the README's 'Deploy into Karaf'); remove it");
                }
                merged.setProperty(key, String.valueOf(configuration.get(key)));
            }
        }
        // Camel's settings stay the bundle's own here too: CAMEL_* variables may be meant for other Camel runtimes.
        SettingsSource.fromEnvironment(merged.stringPropertyNames(), environment).forEach((key, value) -> {
            if (!key.startsWith(CAMEL)) {
                merged.setProperty(key, value);
            }
        });
        return merged;
    }
}
