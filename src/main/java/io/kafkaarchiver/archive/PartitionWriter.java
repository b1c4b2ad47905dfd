package io.kafkaarchiver.archive;

import io.kafkaarchiver.commit.TimestampTypes;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.mak.RecordHeader;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Appends each consumed Kafka record to its partition's in-progress MAK file, whole: key and value
 * (null stays null), timestamp and type, headers in order. The file is committed after the last
 * record of each poll for the partition.
 */
public final class PartitionWriter implements Processor {

    private final Archiver archiver;
    private final TimestampTypes timestampTypes;
    private final ArchiveMetrics metrics;

    public PartitionWriter(Archiver archiver, TimestampTypes timestampTypes, ArchiveMetrics metrics) {
        this.archiver = archiver;
        this.timestampTypes = timestampTypes;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        TopicPartition tp = new TopicPartition(m.getHeader(KafkaConstants.TOPIC, String.class), m.getHeader(KafkaConstants.PARTITION, Integer.class));
        Long timestamp = m.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        MakRecord record = new MakRecord(
                m.getHeader(KafkaConstants.OFFSET, Long.class),
                timestamp == null ? MakRecord.NO_TIMESTAMP : timestamp,
                timestamp == null || timestamp < 0 ? io.kafkaarchiver.mak.MakTimestampType.NO_TIMESTAMP_TYPE : timestampTypes.of(tp),
                m.getHeader(KafkaConstants.KEY, byte[].class),
                m.getBody(byte[].class),
                headersOf(m.getHeader(KafkaConstants.HEADERS, Headers.class)));
        if (archiver.append(tp, record)) {
            metrics.recordWritten();
        }
        if (!Boolean.FALSE.equals(m.getHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, Boolean.class))) {
            archiver.commit(tp);
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
