package io.kafkaarchiver.config;

import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Reads {@code sasl.jaas.config} with Kafka's own parser, as a SASL client will, and finds in it what a login
 * by name and password needs.
 */
final class JaasConfigCheck {

    /** The JVM's JAAS file: where a client given no {@code sasl.jaas.config} finds its login. */
    static final String JVM_LOGIN_CONFIG = "java.security.auth.login.config";
    private static final String SETTING = ArchiveSettings.CONSUMER_PREFIX + SaslConfigs.SASL_JAAS_CONFIG;
    private static final String EXAMPLE = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"...\" password=\"...\";";
    /** The login modules that log in with the options username and password, and the mechanisms each serves. */
    private static final Map<String, List<String>> BY_PASSWORD = Map.of(
            "org.apache.kafka.common.security.plain.PlainLoginModule", List.of("PLAIN"),
            "org.apache.kafka.common.security.scram.ScramLoginModule", List.of("SCRAM-SHA-256", "SCRAM-SHA-512"));

    private JaasConfigCheck() {
    }

    /**
     * @param protocol the SASL security protocol the client speaks, as the user may read it
     * @throws SettingsException naming {@code sasl.jaas.config} when the client could not log in with it, or
     *                           {@code sasl.mechanism} when it is not one the login module serves
     */
    static void check(Map<String, String> properties, String protocol) {
        String config = properties.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (config == null) {
            if (System.getProperty(JVM_LOGIN_CONFIG) == null) {
                throw new SettingsException(SETTING, "missing: security.protocol " + protocol + " logs in with it, written like " + EXAMPLE);
            }
            return;
        }
        AppConfigurationEntry login = parse(config);
        List<String> mechanisms = BY_PASSWORD.get(login.getLoginModuleName());
        if (mechanisms == null) {
            return;
        }
        String module = login.getLoginModuleName().substring(login.getLoginModuleName().lastIndexOf('.') + 1);
        for (String option : List.of("username", "password")) {
            Object value = login.getOptions().get(option);
            if (value == null || value.toString().isEmpty()) {
                throw new SettingsException(SETTING, "has no " + option + " option (" + module + " logs in with username=\"...\" password=\"...\")");
            }
        }
        // Left out, the mechanism is Kerberos', which this module does not serve: the client is not even made.
        String mechanism = properties.getOrDefault(SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM);
        if (!mechanisms.contains(mechanism)) {
            String given = properties.containsKey(SaslConfigs.SASL_MECHANISM) ? "'" + mechanism + "'" : mechanism + ", Kafka's default,";
            throw new SettingsException(ArchiveSettings.CONSUMER_PREFIX + SaslConfigs.SASL_MECHANISM, given + " is not a mechanism of "
                    + module + " (" + SETTING + "): set it to " + String.join(" or ", mechanisms));
        }
    }

    private static AppConfigurationEntry parse(String config) {
        try {
            return JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(config))).configurationEntries().get(0);
        } catch (IllegalArgumentException | KafkaException e) {
            // Kafka's reason quotes the word it stumbled on, which may be the password: that word is left out.
            String reason = String.valueOf(e.getMessage()).replaceAll("\\s*'[^']*'", "");
            throw new SettingsException(SETTING, "Kafka cannot read it: " + reason + " (write it like " + EXAMPLE + ")");
        }
    }
}
