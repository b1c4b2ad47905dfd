package io.kafkaarchiver.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

/** The archive's consumer is made with the user's properties over Camel's, under either group protocol. */
class ArchiveKafkaClientFactoryTest {

    @Test
    void kafka4sConsumerGroupProtocolIsUsableThoughAnAssignorIsSetByDefault() {
        ArchiveKafkaClientFactory factory = new ArchiveKafkaClientFactory(null, Map.of(
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()));

        assertThatCode(() -> {
            Consumer<?, ?> consumer = factory.getConsumer(camelProperties());
            consumer.assignment();
            // Not the default 30 s trying to leave a group at a broker that is not there.
            consumer.close(Duration.ZERO);
        }).as("the Kafka client refuses an assignor under the consumer protocol").doesNotThrowAnyException();
    }

    /** What camel-kafka hands the factory, its own default assignor among them. */
    private static Properties camelProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "archiver");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
