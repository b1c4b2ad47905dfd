package io.kafkaarchiver.consumer;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;

/** Gives Camel's Kafka endpoint the archive's consumer, with the user's pass-through consumer properties applied. */
public final class ArchiveKafkaClientFactory extends DefaultKafkaClientFactory {

    private final ConsumerDuties duties;
    private final Map<String, String> consumerProperties;

    public ArchiveKafkaClientFactory(ConsumerDuties duties, Map<String, String> consumerProperties) {
        this.duties = duties;
        this.consumerProperties = consumerProperties;
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        Properties props = new Properties();
        props.putAll(kafkaProps);
        props.putAll(consumerProperties);
        return new ArchiveConsumer(props, duties);
    }
}
