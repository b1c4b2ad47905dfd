package io.kafkaarchiver.consumer;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Gives Camel's Kafka endpoint the archive's consumer, with the user's pass-through consumer properties
 * applied. The route file declares it, so Camel gives it its CamelContext. The consumer does not start
 * without what it needs to keep each offset in one object: the archive's subscribe hook in the registry,
 * and a hand-off that can reach its route.
 */
public final class ArchiveKafkaClientFactory extends DefaultKafkaClientFactory implements CamelContextAware {

    private final ConsumerDuties duties;
    private final Map<String, String> consumerProperties;
    private CamelContext camelContext;

    public ArchiveKafkaClientFactory(ConsumerDuties duties, Map<String, String> consumerProperties) {
        this.duties = duties;
        this.consumerProperties = consumerProperties;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * camel-kafka asks this as the consumer starts, before any consumer is made (Camel's own factory
     * refuses there to start without brokers): the consumer fails to start, saying why, when what it
     * needs is missing.
     */
    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        requireSubscribeHook();
        duties.handOff().requireCamelContext();
        return super.getBrokers(configuration);
    }

    private void requireSubscribeHook() {
        if (camelContext == null) {
            throw new IllegalStateException("the bean archiveKafkaClientFactory (" + ArchiveKafkaClientFactory.class.getName()
                    + ") has no CamelContext to find the archive's subscribe hook in: let Camel make it, in the route file's beans "
                    + "as routes/archive.camel.yaml does");
        }
        Object hook = camelContext.getRegistry().lookupByName(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER);
        if (!(hook instanceof ArchiveSubscribeAdapter)) {
            throw new IllegalStateException("the bean " + KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER + " is "
                    + (hook == null ? "missing" : "a " + hook.getClass().getName()) + ", not an " + ArchiveSubscribeAdapter.class.getName()
                    + ": without it partitions would neither resume after what this instance holds nor be handed off when they leave; "
                    + "declare it in the route file's beans as routes/archive.camel.yaml does");
        }
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        Properties props = new Properties();
        props.putAll(kafkaProps);
        props.putAll(consumerProperties);
        return new ArchiveConsumer(props, duties);
    }
}
