package io.kafkaarchiver.karaf;

import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Properties;

/**
 * The settings in Karaf: the bundle's own {@code application.properties}, overridden by the
 * Configuration Admin configuration {@code io.kafkaarchiver} ({@code etc/io.kafkaarchiver.cfg}).
 */
final class KarafSettings {

    static final String PID = "io.kafkaarchiver";

    private KarafSettings() {
    }

    /** @param configuration Configuration Admin's properties; null before a configuration exists */
    static Properties merge(Dictionary<String, ?> configuration) {
        Properties merged = SettingsSource.defaults();
        if (configuration == null) {
            return merged;
        }
        for (String key : Collections.list(configuration.keys())) {
            if (key.startsWith("camel.")) {
                throw new SettingsException(key, "Camel Main settings do not apply in Karaf, where the archiver runs in a"
                        + " CamelContext of its own (see the README's 'Deploy into Karaf'); remove it");
            }
            merged.setProperty(key, String.valueOf(configuration.get(key)));
        }
        return merged;
    }
}
