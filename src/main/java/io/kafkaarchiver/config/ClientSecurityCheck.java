package io.kafkaarchiver.config;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SecurityConfig;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Refuses, before any Kafka client is made, the TLS and SASL settings a Kafka client would refuse: the
 * client says so in a stack trace that names no setting, or not at all and fails at every connection.
 */
final class ClientSecurityCheck {

    private ClientSecurityCheck() {
    }

    /**
     * Checks only what {@code security.protocol} uses: the client ignores the TLS settings of a SASL_PLAINTEXT
     * or PLAINTEXT connection, and the SASL ones of an SSL or PLAINTEXT connection.
     *
     * @param properties Kafka client property names (without the {@code kafka.consumer.} prefix) and values; others pass
     * @throws SettingsException naming the setting the client would refuse, and why; never with a secret in it
     */
    static void check(Map<String, String> properties) {
        String protocol = properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL)
                .toUpperCase(Locale.ROOT);
        // An engine factory of one's own reads the ssl.* settings its own way, and security providers of one's own
        // bring store types this JVM does not know until the client installs them.
        if (protocol.endsWith("SSL") && !properties.containsKey(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG)
                && !properties.containsKey(SecurityConfig.SECURITY_PROVIDERS_CONFIG)) {
            TlsStoreCheck.check(properties);
        }
        if (protocol.startsWith("SASL_")) {
            JaasConfigCheck.check(properties, protocol);
        }
    }
}
