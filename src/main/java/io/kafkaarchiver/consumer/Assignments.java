package io.kafkaarchiver.consumer;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * When each partition was last assigned to this consumer. camel-kafka's batching mode keeps the records
 * of a poll that did not fill a batch until the next poll has returned, and a rebalance happens inside
 * that poll: the kept records of a partition revoked and assigned again were fetched before it came
 * back, and are fetched again from its new position. Left out, they are neither archived twice nor
 * taken for a log that went back.
 */
public final class Assignments {

    private final Map<TopicPartition, Long> since = new ConcurrentHashMap<>();

    void assigned(Collection<TopicPartition> partitions) {
        long now = System.currentTimeMillis();
        partitions.forEach(tp -> since.put(tp, now));
        // A record's exchange made in this millisecond was made before the assignment: made from now on, it is after.
        while (System.currentTimeMillis() == now) {
            Thread.onSpinWait();
        }
    }

    void released(Collection<TopicPartition> partitions) {
        partitions.forEach(since::remove);
    }

    /** True for a record whose exchange camel-kafka made (when it was fetched) before its partition was last assigned. */
    boolean fetchedBeforeAssignment(TopicPartition tp, long exchangeCreatedMillis) {
        Long assigned = since.get(tp);
        return assigned != null && exchangeCreatedMillis <= assigned;
    }
}
