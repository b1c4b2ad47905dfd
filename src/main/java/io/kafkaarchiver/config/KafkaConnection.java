package io.kafkaarchiver.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to reach the Kafka cluster, for the commands that read or write it besides the archiver
 * (verify, restore): the brokers, and the connection settings (TLS, SASL) among the
 * {@code kafka.consumer.*} properties, which apply to any Kafka client.
 */
public record KafkaConnection(String brokers, Map<String, String> securityProperties) {

    /** The client id of the startup check's login: the log config keeps its connection attempts quiet. */
    public static final String LOGIN_CHECK_CLIENT_ID = "kafka-archiver-login-check";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);

    public static KafkaConnection from(Properties props) {
        String brokers = props.getProperty("kafka.brokers", "").trim();
        if (brokers.isEmpty()) {
            throw new SettingsException("kafka.brokers", "must not be empty");
        }
        Map<String, String> consumer = new HashMap<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (key.startsWith(ArchiveSettings.CONSUMER_PREFIX)) {
                consumer.put(key.substring(ArchiveSettings.CONSUMER_PREFIX.length()), props.getProperty(key).trim());
            }
        }
        return of(brokers, consumer);
    }

    /**
     * The connection the archiver's consumer makes: {@code consumerProperties} as {@link ArchiveSettings#consumerProperties()} holds them.
     *
     * @throws SettingsException naming a TLS or SASL setting a Kafka client would refuse, before any client is made
     */
    public static KafkaConnection of(String brokers, Map<String, String> consumerProperties) {
        KafkaConnection connection = ofChecked(brokers, consumerProperties);
        ConsumerProperties.check(connection.securityProperties);
        ClientSecurityCheck.check(connection.securityProperties);
        return connection;
    }

    /** The connection of settings {@link ArchiveSettings#from} has checked already: its stores are not opened again. */
    static KafkaConnection ofChecked(String brokers, Map<String, String> consumerProperties) {
        Map<String, String> security = new HashMap<>();
        consumerProperties.forEach((name, value) -> {
            if (name.startsWith("security.") || name.startsWith("ssl.") || name.startsWith("sasl.")) {
                security.put(name, value);
            }
        });
        return new KafkaConnection(brokers, Map.copyOf(security));
    }

    /** The base configuration of any Kafka client (admin, consumer, producer) for this cluster. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(securityProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return config;
    }

    /** The configuration of an admin client of this cluster, named {@code clientId}, that waits at most as long as given. */
    public Map<String, Object> adminConfig(String clientId, Duration requestTimeout, Duration apiTimeout) {
        Map<String, Object> config = clientConfig();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        return config;
    }

    /**
     * An admin client for the startup check's login, that waits at most {@code timeout}; its connection attempts are
     * kept out of the log (LOGIN_CHECK_CLIENT_ID).
     *
     * @throws SettingsException when Kafka's client cannot be made with the settings, which Kafka says naming no setting
     */
    public Admin loginCheckClient(Duration timeout) {
        try {
            return Admin.create(adminConfig(LOGIN_CHECK_CLIENT_ID, timeout, timeout));
        } catch (KafkaException e) {
            // The one line names the setting; the trace is for whoever debugs Kafka's client.
            LOG.debug("Kafka's admin client could not be made", e);
            throw ClientCreationFailure.named(e, securityProperties);
        }
    }

    /**
     * A login Kafka refused, as the setting it most likely comes from. Kafka's reason never holds the
     * credentials, so this line can go to the terminal and the log.
     */
    public SettingsException refused(AuthenticationException e) {
        String setting = e instanceof SslAuthenticationException ? "ssl.truststore.location"
                : e instanceof UnsupportedSaslMechanismException ? "sasl.mechanism"
                : "sasl.jaas.config";
        String reason = e instanceof SslAuthenticationException
                ? "the TLS handshake with Kafka at " + brokers + " failed (check the truststore, and the keystore if the brokers ask for a client certificate): "
                : "Kafka at " + brokers + " refused the login: ";
        return new SettingsException(ArchiveSettings.CONSUMER_PREFIX + setting, reason + e.getMessage());
    }

    @Override
    public String toString() {
        return "KafkaConnection[brokers=" + brokers + ", security=" + securityProperties.keySet() + "]";
    }
}
