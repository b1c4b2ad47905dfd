package io.kafkaarchiver.archive;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions whose file could not be written (a full disk, a damaged file): each is paused and
 * consumed again from its first record not in the file, after a wait, while the other partitions go
 * on. Only the consumer's own thread may seek and pause, so the archiver records a stall here and
 * the consumer applies it before its next poll.
 */
public final class StalledPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(StalledPartitions.class);

    private record Stall(long resumeAt, Instant retryAt, boolean paused) {
    }

    private final Map<TopicPartition, Stall> stalls = new HashMap<>();
    /** Since when each partition has not managed to write, through pauses and retries, until a write succeeds. */
    private final Map<TopicPartition, Instant> troubledSince = new ConcurrentHashMap<>();

    synchronized void stall(TopicPartition tp, long resumeAt, Instant now, Instant retryAt) {
        stalls.put(tp, new Stall(resumeAt, retryAt, false));
        troubledSince.putIfAbsent(tp, now);
    }

    /** A write to the partition's file succeeded: it is not in trouble any more. */
    void wrote(TopicPartition tp) {
        if (!troubledSince.isEmpty()) {
            troubledSince.remove(tp);
        }
    }

    /** The partitions that have not managed to write, each since when. */
    public Map<TopicPartition, Instant> troubledSince() {
        return Map.copyOf(troubledSince);
    }

    public synchronized int count() {
        return stalls.size();
    }

    /** True while records of {@code tp} are to be left out: Kafka delivers them again once it resumes. */
    public synchronized boolean isStalled(TopicPartition tp) {
        return stalls.containsKey(tp);
    }

    /** On the consumer's thread: pauses new stalls at their resume offset, and resumes those whose wait is over. */
    public synchronized void applyTo(Consumer<?, ?> consumer, Instant now) {
        if (stalls.isEmpty()) {
            return;
        }
        var assigned = consumer.assignment();
        for (var it = stalls.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            TopicPartition tp = e.getKey();
            Stall stall = e.getValue();
            if (!assigned.contains(tp)) {
                it.remove();
            } else if (!stall.paused()) {
                consumer.seek(tp, stall.resumeAt());
                consumer.pause(java.util.List.of(tp));
                e.setValue(new Stall(stall.resumeAt(), stall.retryAt(), true));
            } else if (!now.isBefore(stall.retryAt())) {
                LOG.info("{}: consuming again from offset {}", tp, stall.resumeAt());
                consumer.resume(java.util.List.of(tp));
                it.remove();
            }
        }
    }

    /** Partitions this consumer no longer owns: their next owner starts from the group's commit. */
    public synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(stalls::remove);
        partitions.forEach(troubledSince::remove);
    }
}
