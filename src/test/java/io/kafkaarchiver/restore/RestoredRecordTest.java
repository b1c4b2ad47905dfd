package io.kafkaarchiver.restore;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An archived record written back, and recognised in the target after an interrupted run. */
class RestoredRecordTest {

    private static final MakRecord ARCHIVED = new MakRecord(42, 1_700_000_000_000L, MakTimestampType.CREATE_TIME, null, new byte[0],
            List.of(new RecordHeader("trace", bytes("a")), new RecordHeader("trace", bytes("b")), new RecordHeader("nil", null)));

    @Test
    void writesEveryFieldAsArchived() {
        ProducerRecord<byte[], byte[]> p = RestoredRecord.of("restored", 3, ARCHIVED);
        assertThat(p.topic()).isEqualTo("restored");
        assertThat(p.partition()).isEqualTo(3);
        assertThat(p.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(p.key()).isNull();
        assertThat(p.value()).isEmpty();
        assertThat(p.headers().toArray()).extracting(Header::key).containsExactly("trace", "trace", "nil");
        assertThat(p.headers().toArray()[1].value()).isEqualTo(bytes("b"));
        assertThat(p.headers().toArray()[2].value()).isNull();
        // MAK v1 keeps no timestamp: the producer stamps the record.
        assertThat(RestoredRecord.of("restored", 0, MakRecord.of(1, bytes("k"), bytes("v"))).timestamp()).isNull();
    }

    @Test
    void recognisesWhatItWroteAndNothingElse() {
        assertThat(RestoredRecord.matches(ARCHIVED, landed(null, new byte[0], 1_700_000_000_000L, TimestampType.CREATE_TIME,
                ARCHIVED))).isTrue();
        assertThat(RestoredRecord.matches(ARCHIVED, landed(new byte[0], new byte[0], 1_700_000_000_000L, TimestampType.CREATE_TIME, ARCHIVED)))
                .as("empty key is not null").isFalse();
        assertThat(RestoredRecord.matches(ARCHIVED, landed(null, null, 1_700_000_000_000L, TimestampType.CREATE_TIME, ARCHIVED)))
                .as("null value is not empty").isFalse();
        assertThat(RestoredRecord.matches(ARCHIVED, landed(null, new byte[0], 1_700_000_000_001L, TimestampType.CREATE_TIME, ARCHIVED)))
                .as("another timestamp").isFalse();
        assertThat(RestoredRecord.matches(ARCHIVED, landed(null, new byte[0], 5L, TimestampType.LOG_APPEND_TIME, ARCHIVED)))
                .as("a topic that stamps records itself").isTrue();
        MakRecord reordered = new MakRecord(42, ARCHIVED.timestamp(), MakTimestampType.CREATE_TIME, null, new byte[0],
                List.of(ARCHIVED.headers().get(1), ARCHIVED.headers().get(0), ARCHIVED.headers().get(2)));
        assertThat(RestoredRecord.matches(ARCHIVED, landed(null, new byte[0], ARCHIVED.timestamp(), TimestampType.CREATE_TIME, reordered)))
                .as("headers in another order").isFalse();
        MakRecord v1 = MakRecord.of(7, bytes("k"), bytes("v"));
        assertThat(RestoredRecord.matches(v1, landed(bytes("k"), bytes("v"), 123L, TimestampType.CREATE_TIME, v1)))
                .as("MAK v1: any timestamp").isTrue();
    }

    private static ConsumerRecord<byte[], byte[]> landed(byte[] key, byte[] value, long timestamp, TimestampType type, MakRecord headersOf) {
        RecordHeaders headers = new RecordHeaders();
        headersOf.headers().forEach(h -> headers.add(h.key(), h.value()));
        return new ConsumerRecord<>("restored", 0, 10, timestamp, type, 0, 0, key, value, headers, Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
