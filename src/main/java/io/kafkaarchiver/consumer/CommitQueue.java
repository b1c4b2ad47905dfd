package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.CommitPoint;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets waiting to be committed, handed from the upload threads to the consumer's own thread (a
 * KafkaConsumer may only be used from the thread that polls it). Commits only go forward: uploads finish
 * out of order, so per partition and life an offer at or below what is pending or was committed is
 * dropped, and a later life's replaces an earlier one's. Offers for partitions this consumer does not own
 * are dropped: their next owner commits from what it archives, and an offer kept until the partition came
 * back would commit past what that owner archived meanwhile.
 */
public final class CommitQueue {

    private final Map<TopicPartition, CommitPoint> pending = new ConcurrentHashMap<>();
    /** Per owned partition, the last offset committed (or found committed when it was assigned). */
    private final Map<TopicPartition, CommitPoint> committed = new ConcurrentHashMap<>();

    /** Asks for {@code point} (the next offset to consume, in its life) to be committed; negative offsets are ignored. */
    public void offer(TopicPartition tp, CommitPoint point) {
        if (point.offset() < 0 || !committed.containsKey(tp)) {
            return;
        }
        pending.merge(tp, point, (queued, offered) -> ahead(queued, offered) ? queued : offered);
        // The partition may have left between the check and the merge: its release has cleared it then.
        if (!committed.containsKey(tp)) {
            pending.remove(tp);
        }
    }

    /** True when {@code a} is of the same life as {@code b} and not behind it. */
    private static boolean ahead(CommitPoint a, CommitPoint b) {
        return a.topicId().equals(b.topicId()) && a.offset() >= b.offset();
    }

    /** Partitions assigned to this consumer, with the group's committed offsets: nothing offered before counts. */
    void assigned(Map<TopicPartition, CommitPoint> groupOffsets) {
        groupOffsets.forEach((tp, point) -> {
            committed.put(tp, point);
            pending.remove(tp);
        });
    }

    /** Drops what is pending for partitions this consumer no longer owns: their new owner commits them. */
    void released(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            committed.remove(tp);
            pending.remove(tp);
        });
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Takes the pending commits of the partitions {@code assigned} holds that move them forward; the others stay queued. */
    Map<TopicPartition, CommitPoint> takeFor(Set<TopicPartition> assigned) {
        Map<TopicPartition, CommitPoint> taken = new HashMap<>();
        // What is pending, not what is assigned: a consumer may own thousands of partitions.
        for (TopicPartition tp : pending.keySet()) {
            if (assigned.contains(tp)) {
                CommitPoint point = pending.remove(tp);
                CommitPoint last = committed.get(tp);
                if (point != null && (last == null || !ahead(last, point))) {
                    taken.put(tp, point);
                }
            }
        }
        return taken;
    }

    /** The group now holds these commits. */
    void committed(Map<TopicPartition, CommitPoint> points) {
        points.forEach((tp, point) -> committed.computeIfPresent(tp, (k, v) -> point));
    }
}
