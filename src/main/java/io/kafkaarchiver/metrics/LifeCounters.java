package io.kafkaarchiver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * How often the lives of the archived topics changed under the archiver, as {@code kafka_archiver_topic_lives_total{topic}}
 * (a topic deleted and created again) and {@code kafka_archiver_partition_truncations_total{topic,partition}} (a partition's
 * log cut back): each is counted from zero once its partition is archived here, so a rule sees it rise.
 */
public final class LifeCounters {

    private final MeterRegistry registry;
    /** Only the partitions truncated at least once: the others count zero ({@link ArchiveMetrics} publishes both). */
    private final Map<TopicPartition, AtomicLong> truncations = new ConcurrentHashMap<>();

    public LifeCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void watching(TopicPartition tp) {
        lives(tp.topic());
    }

    public void newLife(String topic) {
        lives(topic).increment();
    }

    public void truncated(TopicPartition tp) {
        truncations.computeIfAbsent(tp, t -> new AtomicLong()).incrementAndGet();
    }

    long truncations(TopicPartition tp) {
        AtomicLong count = truncations.get(tp);
        return count == null ? 0 : count.get();
    }

    private Counter lives(String topic) {
        return Counter.builder("kafka.archiver.topic.lives").tag("topic", topic)
                .description("New lives of a topic found: deleted and created again under the same name").register(registry);
    }

}
