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

    public RecordBatchWriter(Archiver archiver, TimestampTypes timestampTypes, ArchiveMetrics metrics) {
        this.archiver = archiver;
        this.timestampTypes = timestampTypes;
        this.metrics = metrics;
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
            Message m = ((Exchange) each).getMessage();
            TopicPartition tp = new TopicPartition(m.getHeader(KafkaConstants.TOPIC, String.class), m.getHeader(KafkaConstants.PARTITION, Integer.class));
            PartitionRecords p = byPartition.computeIfAbsent(tp, k -> new PartitionRecords());
            if (p.unreadable < 0) {
                try {
                    p.records.add(recordOf(tp, m));
                } catch (RuntimeException e) {
                    // Camel would log an error leaving the poll and skip its records: never for an archive.
                    p.unreadable = m.getHeader(KafkaConstants.OFFSET, Long.class);
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

    private MakRecord recordOf(TopicPartition tp, Message m) {
        Long timestamp = m.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        boolean timed = timestamp != null && timestamp >= 0;
        return new MakRecord(
                m.getHeader(KafkaConstants.OFFSET, Long.class),
                timed ? timestamp : MakRecord.NO_TIMESTAMP,
                timed ? timestampTypes.of(tp) : MakTimestampType.NO_TIMESTAMP_TYPE,
                m.getHeader(KafkaConstants.KEY, byte[].class),
                m.getBody(byte[].class),
                headersOf(m.getHeader(KafkaConstants.HEADERS, Headers.class)));
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
