package io.kafkaarchiver.restore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What a target partition holds past its checkpoint, up to the end it had when reading began: the
 * records an interrupted run wrote after its last checkpoint landed. Read one poll at a time.
 */
final class LandedRecords {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALLED = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final long end;
    private final Deque<ConsumerRecord<byte[], byte[]>> polled = new ArrayDeque<>();

    LandedRecords(Consumer<byte[], byte[]> consumer, TopicPartition partition, long from) {
        this.consumer = consumer;
        this.partition = partition;
        consumer.assign(List.of(partition));
        this.end = consumer.endOffsets(List.of(partition)).get(partition);
        consumer.seek(partition, from);
    }

    /** @return the next record before the end, or null */
    ConsumerRecord<byte[], byte[]> next() {
        long stalledAt = System.nanoTime() + STALLED.toNanos();
        while (polled.isEmpty()) {
            if (consumer.position(partition) >= end) {
                return null;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(partition)) {
                if (r.offset() < end) {
                    polled.add(r);
                }
            }
            if (polled.isEmpty() && System.nanoTime() > stalledAt) {
                throw RestoreException.failed("reading " + partition + " from offset " + consumer.position(partition)
                        + " to " + end + " returned nothing for " + STALLED.toSeconds() + " s");
            }
        }
        return polled.poll();
    }
}
