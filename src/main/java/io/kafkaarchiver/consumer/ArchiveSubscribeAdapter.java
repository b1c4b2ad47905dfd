package io.kafkaarchiver.consumer;

import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;

/**
 * camel-kafka's hook for subscribing its consumers, which it finds in the registry by the name
 * {@value KafkaConstants#KAFKA_SUBSCRIBE_ADAPTER}: the archive's consumer subscribes with the archive's
 * rebalance listener around Camel's ({@link ArchiveRebalanceListener}). Found by that name, it serves every
 * Kafka consumer of the CamelContext: any other consumer subscribes as camel-kafka's default adapter
 * subscribes it, without the component's {@code subscribeConsumerTopicMustExists} check.
 */
public final class ArchiveSubscribeAdapter implements SubscribeAdapter {

    private final SubscribeAdapter others = new DefaultSubscribeAdapter();

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camel, TopicInfo topics) {
        if (consumer instanceof ArchiveConsumer archive) {
            archive.subscribe(topics, camel);
        } else {
            others.subscribe(consumer, camel, topics);
        }
    }
}
