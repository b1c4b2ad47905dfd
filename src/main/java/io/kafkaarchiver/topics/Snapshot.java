package io.kafkaarchiver.topics;

import java.time.Instant;

/**
 * What was read of one topic at one time: its metadata, or its consumer groups' offsets. The topic id
 * (KIP-516) tells the lives of a topic apart: a topic deleted and created again under the same name
 * has a new one, and its snapshots never replace those of the earlier life.
 *
 * @param topicId the topic's id as Kafka gave it, {@code AAAAAAAAAAAAAAAAAAAAAA} (Kafka's zero id) where Kafka gave none
 */
public record Snapshot<T>(String topic, String topicId, Instant readAt, T content) {

    /** True when {@code other} says the same of the same life of the topic, whenever it was read. */
    public boolean saysSameAs(Snapshot<T> other) {
        return topicId.equals(other.topicId) && content.equals(other.content);
    }
}
