package io.kafkaarchiver.consumer;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * Gives Camel's Kafka endpoint the archive's consumer, with the user's pass-through consumer properties
 * applied (the cooperative sticky assignor by default, or none under the consumer group protocol). The consumer does not start without what it needs to keep each offset in one object: a
 * hand-off that can reach its route, and the archive's subscribe hook in the registry.
 */
public final class ArchiveKafkaClientFactory extends DefaultKafkaClientFactory {

    private final ConsumerDuties duties;
    private final Map<String, String> consumerProperties;

    public ArchiveKafkaClientFactory(ConsumerDuties duties, Map<String, String> consumerProperties) {
        this.duties = duties;
        this.consumerProperties = consumerProperties;
    }

    /**
     * camel-kafka asks this as the consumer starts, before any consumer is made (Camel's own factory
     * refuses there to start without brokers): the consumer fails to start, saying why, when what it
     * needs is missing.
     */
    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        Object hook = duties.handOff().requireCamelContext().getRegistry().lookupByName(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER);
        if (!(hook instanceof ArchiveSubscribeAdapter)) {
            throw new IllegalStateException("the bean " + KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER + " is "
                    + (hook == null ? "missing" : "a " + hook.getClass().getName()) + ", not an " + ArchiveSubscribeAdapter.class.getName()
                    + ": without it partitions would neither resume after what this instance holds nor be handed off when they leave; "
                    + "declare it in the route file's beans as routes/archive.camel.yaml does");
        }
        return super.getBrokers(configuration);
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        Properties props = new Properties();
        props.putAll(kafkaProps);
        props.putAll(consumerProperties);
        if (GroupProtocol.CONSUMER.name().equalsIgnoreCase(props.getProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG, ""))) {
            // Under Kafka 4's consumer group protocol (KIP-848) the broker assigns, incrementally, and the client
            // refuses an assignor of its own: Camel's default and the archive's.
            props.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        }
        return new ArchiveConsumer(props, duties);
    }
}
