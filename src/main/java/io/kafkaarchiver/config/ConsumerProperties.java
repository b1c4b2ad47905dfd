package io.kafkaarchiver.config;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks the {@code kafka.consumer.*} settings against the Kafka consumer's own definitions at startup: the
 * consumer would otherwise reject a malformed one only once the route starts, and be retried forever.
 */
final class ConsumerProperties {

    private ConsumerProperties() {
    }

    /**
     * @param properties consumer property names (without the prefix) and values
     * @throws SettingsException naming a malformed one and what it accepts. Names the consumer does not define
     *                           pass: plugins (interceptors, login callbacks) read settings of their own.
     */
    static void check(Map<String, String> properties) {
        Map<String, ConfigDef.ConfigKey> definitions = ConsumerConfig.configDef().configKeys();
        properties.forEach((name, value) -> {
            ConfigDef.ConfigKey definition = definitions.get(name);
            if (definition == null) {
                return;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, definition.type);
                if (definition.validator != null) {
                    definition.validator.ensureValid(name, parsed);
                }
            } catch (ConfigException e) {
                // This line goes to the terminal and the log: a password never shows in it.
                String shown = definition.type == ConfigDef.Type.PASSWORD ? "****" : value;
                throw new SettingsException(ArchiveSettings.CONSUMER_PREFIX + name, "'" + shown + "' is not valid: " + reason(e, name));
            }
        });
    }

    /** Kafka's message without its "Invalid value V for configuration N: " opening, which the property name replaces. */
    private static String reason(ConfigException e, String name) {
        String message = String.valueOf(e.getMessage());
        String opening = " for configuration " + name + ": ";
        int at = message.indexOf(opening);
        return at < 0 ? message : message.substring(at + opening.length());
    }
}
