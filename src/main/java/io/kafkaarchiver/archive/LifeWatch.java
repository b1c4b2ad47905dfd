package io.kafkaarchiver.archive;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * What the archiver cannot see in the records alone about the lives of topics ({@link Life}): Kafka's id
 * for a topic now, asked when a partition's offsets go back below what this instance holds of it; and who
 * is told of each partition it archives, each new life and each truncation it finds (the metrics).
 */
@FunctionalInterface
public interface LifeWatch {

    /** Kafka's id for {@code topic} now; empty when Kafka does not say (the topic is gone, or Kafka cannot be asked). */
    Optional<String> topicIdNow(String topic);

    /** {@code tp} is archived here from now on. */
    default void watching(TopicPartition tp) {
    }

    /** {@code topic} was found deleted and created again. */
    default void newLife(String topic) {
    }

    /** {@code tp}'s log was found cut back within the life of its topic. */
    default void truncated(TopicPartition tp) {
    }
}
