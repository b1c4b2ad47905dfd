package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.archive.RotationPolicy;
import io.kafkaarchiver.archive.StoreStanding;
import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.metrics.LifeCounters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One poll as camel-kafka's batching mode hands it over: every record written, none skipped. */
class RecordBatchWriterTest {

    private static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    private static final TopicPartition AUDIT = new TopicPartition("audit", 0);

    @TempDir
    Path dir;

    @Test
    void aRecordThatIsNotBytesPausesItsPartitionThereAndTheOthersAreWritten() throws Exception {
        Archiver archiver = Archiver.open(WorkDir.open(dir), MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1 << 20, 1000),
                Compression.GZIP, Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        archiver.assigned(ORDERS, Optional.empty(), CommitPoint.NONE);
        archiver.assigned(AUDIT, Optional.empty(), CommitPoint.NONE);
        TimestampTypes types = new TimestampTypes();
        RecordBatchWriter writer = new RecordBatchWriter(archiver, types,
                metrics(archiver), new Assignments());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            List<Exchange> records = new ArrayList<>();
            for (long o = 0; o < 5; o++) {
                records.add(record(camel, ORDERS, o, o == 2 ? "a string, not bytes" : new byte[] {1, 2}));
                records.add(record(camel, AUDIT, o, new byte[] {3}));
            }
            Exchange poll = new DefaultExchange(camel);
            poll.getMessage().setBody(records);

            writer.process(poll);
        }
        assertThat(archiver.nextOffset(AUDIT)).as("the other partition: every record").isEqualTo(5);
        assertThat(archiver.nextOffset(ORDERS)).as("up to the record that could not be read").isEqualTo(2);
        assertThat(archiver.stalls().isStalled(ORDERS)).isTrue();
        assertThat(archiver.stalls().isStalled(AUDIT)).isFalse();
    }

    @Test
    void recordsFetchedBeforeTheirPartitionCameBackAreLeftOutTheFreshFetchIsWritten() throws Exception {
        Archiver archiver = Archiver.open(WorkDir.open(dir), MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1 << 20, 1000),
                Compression.GZIP, Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.of("id-1"));
        Assignments assignments = new Assignments();
        RecordBatchWriter writer = new RecordBatchWriter(archiver, new TimestampTypes(),
                metrics(archiver), assignments);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            archiver.assigned(ORDERS, Optional.of("id-1"), CommitPoint.NONE);
            writer.process(poll(camel, List.of(record(camel, ORDERS, 0, new byte[] {1}))));
            // Kept by camel-kafka past the next poll, inside which the partition was revoked and assigned again.
            List<Exchange> kept = List.of(record(camel, ORDERS, 1, new byte[] {1}), record(camel, ORDERS, 2, new byte[] {1}));
            archiver.released(List.of(ORDERS), "partition revoked");
            archiver.assigned(ORDERS, Optional.of("id-1"), new CommitPoint(1, "id-1"));
            assignments.assigned(List.of(ORDERS));
            writer.process(poll(camel, kept));
            writer.process(poll(camel, List.of(record(camel, ORDERS, 1, new byte[] {1}), record(camel, ORDERS, 2, new byte[] {1}))));
        }
        assertThat(archiver.nextOffset(ORDERS)).isEqualTo(3);
        assertThat(archiver.ledger().life(ORDERS).segment()).as("no truncation taken for the fetch after the kept records").isZero();
    }

    private static ArchiveMetrics metrics(Archiver archiver) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new ArchiveMetrics(registry, archiver.ledger(), archiver.stalls(), new LifeCounters(registry), new StoreStanding(Clock.systemUTC()),
                Clock.systemUTC());
    }

    private static Exchange poll(DefaultCamelContext camel, List<Exchange> records) {
        Exchange poll = new DefaultExchange(camel);
        poll.getMessage().setBody(records);
        return poll;
    }

    /** A record's exchange with the headers camel-kafka sets. */
    private static Exchange record(DefaultCamelContext camel, TopicPartition tp, long offset, Object value) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(KafkaConstants.TOPIC, tp.topic());
        e.getMessage().setHeader(KafkaConstants.PARTITION, tp.partition());
        e.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        e.getMessage().setHeader(KafkaConstants.TIMESTAMP, 1_700_000_000_000L + offset);
        e.getMessage().setHeader(KafkaConstants.HEADERS, new RecordHeaders());
        e.getMessage().setBody(value);
        return e;
    }
}
