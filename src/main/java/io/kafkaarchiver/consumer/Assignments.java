package io.kafkaarchiver.consumer;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.clock.Clock;
import org.apache.kafka.common.TopicPartition;

/**
 * When each partition was last assigned to this consumer, on the monotonic clock. camel-kafka's batching
 * mode keeps the records of a poll that did not fill a batch until the next poll has returned, and a
 * rebalance happens inside that poll: the kept records of a partition revoked and assigned again were
 * fetched before it came back, and are fetched again from the position it was given then. Left out, they
 * are neither archived twice nor taken for a log that went back. No wall clock takes part: one stepped
 * back by NTP would make fresh records look old, and leave them out for good.
 */
public final class Assignments {

    /** An exchange's age is known to the millisecond ({@link Clock#elapsed}): assignments and the exchanges after them lie further apart. */
    private static final long APART = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final Map<TopicPartition, Long> since = new ConcurrentHashMap<>();

    void assigned(Collection<TopicPartition> partitions) {
        long now = System.nanoTime();
        partitions.forEach(tp -> since.put(tp, now));
        // Exchanges are made on this thread after the rebalance returns: made from then on, they are APART after it.
        while (System.nanoTime() - now < APART) {
            Thread.onSpinWait();
        }
    }

    void released(Collection<TopicPartition> partitions) {
        partitions.forEach(since::remove);
    }

    /**
     * True for a record whose exchange camel-kafka made (when it was fetched) before its partition was last
     * assigned. Its clock's elapsed time, whole milliseconds on the monotonic clock, puts the exchange's making
     * at most a millisecond after the moment computed here; an exchange made after the assignment lies at least
     * {@link #APART} after it.
     */
    boolean fetchedBeforeAssignment(TopicPartition tp, Clock exchangeClock) {
        Long assigned = since.get(tp);
        if (assigned == null) {
            return false;
        }
        long made = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(exchangeClock.elapsed());
        return made - assigned < MILLI;
    }
}
