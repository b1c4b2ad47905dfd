package io.kafkaarchiver.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets waiting to be committed, handed from the upload thread to the consumer's own thread
 * (a KafkaConsumer may only be used from the thread that polls it). Per partition, the highest wins.
 */
public final class CommitQueue {

    private final Map<TopicPartition, Long> pending = new ConcurrentHashMap<>();

    /** Asks for {@code offset} (the next offset to consume) to be committed; negative offsets are ignored. */
    public void offer(TopicPartition tp, long offset) {
        if (offset >= 0) {
            pending.merge(tp, offset, Math::max);
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Takes the pending commits of the partitions {@code assigned} holds; the others stay queued. */
    Map<TopicPartition, Long> takeFor(Set<TopicPartition> assigned) {
        Map<TopicPartition, Long> taken = new HashMap<>();
        // What is pending, not what is assigned: a consumer may own thousands of partitions.
        for (TopicPartition tp : pending.keySet()) {
            if (assigned.contains(tp)) {
                Long offset = pending.remove(tp);
                if (offset != null) {
                    taken.put(tp, offset);
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
