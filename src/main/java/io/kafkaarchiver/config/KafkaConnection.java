package io.kafkaarchiver.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to reach the Kafka cluster, for the commands that read or write it besides the archiver
 * (verify, restore): the brokers, and the connection settings (TLS, SASL) among the
 * {@code kafka.consumer.*} properties, which apply to any Kafka client.
 */
public record KafkaConnection(String brokers, Map<String, String> securityProperties) {

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

    /** The connection the archiver's consumer makes: {@code consumerProperties} as {@link ArchiveSettings#consumerProperties()} holds them. */
    public static KafkaConnection of(String brokers, Map<String, String> consumerProperties) {
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

    @Override
    public String toString() {
        return "KafkaConnection[brokers=" + brokers + ", security=" + securityProperties.keySet() + "]";
    }
}
