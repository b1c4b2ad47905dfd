package io.kafkaarchiver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;

/**
 * How often the lives of the archived topics changed under the archiver, as {@code kafka_archiver_topic_lives_total{topic}}
 * (a topic deleted and created again) and {@code kafka_archiver_partition_truncations_total{topic,partition}} (a partition's
 * log cut back): each is counted from zero once its partition is archived here, so a rule sees it rise.
 */
public final class LifeCounters {

    private final MeterRegistry registry;

    public LifeCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void watching(TopicPartition tp) {
        lives(tp.topic());
        truncations(tp);
    }

    public void newLife(String topic) {
        lives(topic).increment();
    }

    public void truncated(TopicPartition tp) {
        truncations(tp).increment();
    }

    private Counter lives(String topic) {
        return Counter.builder("kafka.archiver.topic.lives").tag("topic", topic)
                .description("New lives of a topic found: deleted and created again under the same name").register(registry);
    }

    private Counter truncations(TopicPartition tp) {
        return Counter.builder("kafka.archiver.partition.truncations").tag("topic", tp.topic()).tag("partition", Integer.toString(tp.partition()))
                .description("Times a partition's offsets went back within the life of its topic (an unclean leader election?)").register(registry);
    }
}
