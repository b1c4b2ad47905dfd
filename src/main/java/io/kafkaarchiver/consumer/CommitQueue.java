package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.CommitPoint;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets waiting to be committed, handed from the upload thread to the consumer's own thread
 * (a KafkaConsumer may only be used from the thread that polls it). Per partition, the highest of a life
 * wins, and a later life's replaces an earlier one's.
 */
public final class CommitQueue {

    private final Map<TopicPartition, CommitPoint> pending = new ConcurrentHashMap<>();

    /** Asks for {@code point} (the next offset to consume, in its life) to be committed; negative offsets are ignored. */
    public void offer(TopicPartition tp, CommitPoint point) {
        if (point.offset() >= 0) {
            pending.merge(tp, point, (queued, offered) -> queued.topicId().equals(offered.topicId()) && queued.offset() > offered.offset()
                    ? queued : offered);
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Takes the pending commits of the partitions {@code assigned} holds; the others stay queued. */
    Map<TopicPartition, CommitPoint> takeFor(Set<TopicPartition> assigned) {
        Map<TopicPartition, CommitPoint> taken = new HashMap<>();
        // What is pending, not what is assigned: a consumer may own thousands of partitions.
        for (TopicPartition tp : pending.keySet()) {
            if (assigned.contains(tp)) {
                CommitPoint point = pending.remove(tp);
                if (point != null) {
                    taken.put(tp, point);
                }
            }
        }
        return taken;
    }

    /** Drops what is pending for partitions this consumer no longer owns: their new owner commits them. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(pending::remove);
    }
}
