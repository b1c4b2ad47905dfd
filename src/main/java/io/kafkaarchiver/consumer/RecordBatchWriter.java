package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.RecordHeader;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The consume route's processor. camel-kafka's batching mode hands it the records of a poll as one
 * exchange, whose body lists one exchange per record; each record is written into its partition's
 * file whole (key and value, null staying null; timestamp and its type; headers in order), and each
 * partition's records are committed to its file at the end. No error leaves it: a record that cannot
 * be read or written pauses its partition, to be consumed again from that record. The body becomes
 * the files that now have work for the compression stage.
 */
public final class RecordBatchWriter implements Processor {

    private final Archiver archiver;
    private final TimestampTypes timestampTypes;
    private final ArchiveMetrics metrics;
    private final Assignments assignments;

    public RecordBatchWriter(Archiver archiver, TimestampTypes timestampTypes, ArchiveMetrics metrics, Assignments assignments) {
        this.archiver = archiver;
        this.timestampTypes = timestampTypes;
        this.metrics = metrics;
        this.assignments = assignments;
    }

    /** One partition's records of a poll, up to the first that could not be read, if any. */
    private static final class PartitionRecords {
        final List<MakRecord> records = new ArrayList<>();
        long unreadable = -1;
        RuntimeException cause;
    }

    @Override
    public void process(Exchange exchange) {
        Map<TopicPartition, PartitionRecords> byPartition = new LinkedHashMap<>();
        for (Object each : exchange.getMessage().getBody(List.class)) {
            Exchange record = (Exchange) each;
            Consumed c = Consumed.of(record.getMessage());
            TopicPartition tp = new TopicPartition(c.topic, c.partition);
            if (assignments.fetchedBeforeAssignment(tp, record.getClock())) {
                continue;
            }
            PartitionRecords p = byPartition.computeIfAbsent(tp, k -> new PartitionRecords());
            if (p.unreadable < 0) {
                try {
                    p.records.add(c.toRecord(timestampTypes.of(tp)));
                } catch (RuntimeException e) {
                    // Camel would log an error leaving the poll and skip its records: never for an archive.
                    p.unreadable = c.offset;
                    p.cause = e;
                }
            }
        }
        List<WorkFile> work = new ArrayList<>();
        int written = 0;
        for (Map.Entry<TopicPartition, PartitionRecords> e : byPartition.entrySet()) {
            written += archiver.write(e.getKey(), e.getValue().records, work);
            if (e.getValue().unreadable >= 0) {
                archiver.stall(e.getKey(), e.getValue().unreadable, e.getValue().cause);
            }
        }
        metrics.recordsWritten(written);
        exchange.getMessage().setBody(work);
    }

    /** What camel-kafka put in a record's message, read in one pass over its headers (a per-name lookup costs more). */
    private static final class Consumed {
        String topic;
        int partition;
        long offset;
        Object timestamp;
        Object key;
        Object headers;
        Object value;

        static Consumed of(Message m) {
            Consumed c = new Consumed();
            for (Map.Entry<String, Object> h : m.getHeaders().entrySet()) {
                switch (h.getKey()) {
                    case KafkaConstants.TOPIC -> c.topic = (String) h.getValue();
                    case KafkaConstants.PARTITION -> c.partition = (Integer) h.getValue();
                    case KafkaConstants.OFFSET -> c.offset = (Long) h.getValue();
                    case KafkaConstants.TIMESTAMP -> c.timestamp = h.getValue();
                    case KafkaConstants.KEY -> c.key = h.getValue();
                    case KafkaConstants.HEADERS -> c.headers = h.getValue();
                    default -> {
                        // the record's own headers, as Camel copies them: read from HEADERS instead, as they are
                    }
                }
            }
            c.value = m.getBody();
            return c;
        }

        /** Fails on what is not a record of bytes (another deserializer, say): its partition is paused, not skipped. */
        MakRecord toRecord(MakTimestampType timestampType) {
            long time = timestamp == null ? MakRecord.NO_TIMESTAMP : (Long) timestamp;
            boolean timed = time >= 0;
            return new MakRecord(offset, timed ? time : MakRecord.NO_TIMESTAMP,
                    timed ? timestampType : MakTimestampType.NO_TIMESTAMP_TYPE, (byte[]) key, (byte[]) value, headersOf((Headers) headers));
        }
    }

    private static List<RecordHeader> headersOf(Headers headers) {
        if (headers == null) {
            return List.of();
        }
        List<RecordHeader> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(new RecordHeader(h.key(), h.value()));
        }
        return out;
    }
}
