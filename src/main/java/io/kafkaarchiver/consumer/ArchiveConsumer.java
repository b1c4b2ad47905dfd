package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.CommitPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka consumer Camel polls, with the archive's duties added on its own thread: before each
 * poll it pauses or resumes partitions whose file could not be written (and all of them while the disk
 * is short), and commits the offsets
 * uploads have made safe; on every rebalance it positions partitions after what this instance
 * already holds ({@link ArchiveRebalanceListener}, which camel-kafka's subscribe hook,
 * {@link ArchiveSubscribeAdapter}, puts in place); and it is never positioned at offsets this
 * instance holds ({@link #seek}).
 */
final class ArchiveConsumer extends KafkaConsumer<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveConsumer.class);

    private final ConsumerDuties duties;

    /** How often the metrics learn how far each partition's log reaches: from the consumer's own fetch figures, no request. */
    private static final Duration POSITIONS_EVERY = Duration.ofSeconds(5);

    private Instant positionsTold = Instant.MIN;

    ArchiveConsumer(Properties props, ConsumerDuties duties) {
        super(props);
        this.duties = duties;
    }

    /**
     * camel-kafka 4.14 has no hook that runs on the consumer's thread before each poll (its
     * KafkaConsumerListener serves the pausable EIP alone), so the duties ride on the overload it calls,
     * poll(Duration); ConsumeRouteTest fails should camel-kafka stop calling it.
     */
    @Override
    public ConsumerRecords<Object, Object> poll(Duration timeout) {
        duties.archiver().stalls().applyTo(this, Instant.now());
        duties.diskSpace().applyTo(this, duties.archiver().stalls());
        commitPending();
        ConsumerRecords<Object, Object> records = super.poll(timeout);
        for (TopicPartition tp : records.partitions()) {
            duties.timestampTypes().note(tp, records.records(tp).get(0).timestampType());
        }
        tellPositions();
        return records;
    }

    private void tellPositions() {
        Instant now = Instant.now();
        if (now.isBefore(positionsTold.plus(POSITIONS_EVERY))) {
            return;
        }
        positionsTold = now;
        for (TopicPartition tp : assignment()) {
            OptionalLong lag = currentLag(tp);
            if (lag.isPresent()) {
                // Known once the partition has been fetched: then its position is known too, without a request.
                long position = position(tp);
                duties.metrics().positions(tp, position, position + lag.getAsLong());
            }
        }
    }

    /**
     * Commits what uploads have made safe, for the partitions this consumer owns, each with the topic id of
     * its life as metadata; an offset of a life the partition has left is dropped, as it says nothing of
     * the log Kafka has now.
     */
    void commitPending() {
        if (duties.commits().isEmpty()) {
            return;
        }
        Map<TopicPartition, CommitPoint> due = duties.commits().takeFor(assignment());
        due.entrySet().removeIf(e -> !e.getValue().topicId().equals(duties.archiver().ledger().life(e.getKey()).commitTag()));
        if (due.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = due.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset(), e.getValue().topicId())));
        try {
            commitSync(offsets);
            duties.commits().committed(due);
            LOG.info("Committed {}", due.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
        } catch (KafkaException e) {
            // Not committed yet is safe: the files are in S3 and the next poll tries again.
            LOG.warn("Commit of {} failed, will retry: {}", due, e.toString());
            due.forEach(duties.commits()::offer);
        }
    }

    /**
     * Positions a partition, never at offsets this instance holds already: a seek back into them (Camel's
     * to the group's commit, when its route is resumed) goes after them instead, so no offset is delivered,
     * or written, twice. A record at or below what is held then always means that Kafka moved the position
     * back by itself, its log no longer holding what was read (see {@code Archiver#write}).
     */
    @Override
    public void seek(TopicPartition tp, long offset) {
        super.seek(tp, afterWhatIsHeld(tp, offset));
    }

    @Override
    public void seek(TopicPartition tp, OffsetAndMetadata position) {
        super.seek(tp, new OffsetAndMetadata(afterWhatIsHeld(tp, position.offset()), position.leaderEpoch(), position.metadata()));
    }

    private long afterWhatIsHeld(TopicPartition tp, long offset) {
        long next = duties.archiver().nextOffset(tp);
        if (offset < next) {
            LOG.info("{}: asked to go back to offset {}, which this instance holds already: resuming at offset {}", tp, offset, next);
            return next;
        }
        return offset;
    }

    /** Subscribes as camel-kafka asks, with the archive's rebalance listener around Camel's. */
    void subscribe(TopicInfo topics, ConsumerRebalanceListener camel) {
        LOG.info("Subscribing to {}", topics.isPattern() ? topics.getPattern() : topics.getTopics());
        ConsumerRebalanceListener listener = new ArchiveRebalanceListener(camel, this, duties);
        if (topics.isPattern()) {
            subscribe(topics.getPattern(), listener);
        } else {
            subscribe(topics.getTopics(), listener);
        }
    }
}
