package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.archive.RotationPolicy;
import io.kafkaarchiver.archive.StoreStanding;
import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.metrics.LifeCounters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer is never positioned at offsets the archiver holds: what it holds is never delivered, nor written, twice. */
class ArchiveConsumerTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path root;

    @Test
    void aSeekBackIntoWhatIsHeldResumesAfterIt() throws IOException {
        Archiver archiver = Archiver.open(WorkDir.open(root), MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 1_000_000),
                Compression.GZIP, Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        archiver.assigned(TP, Optional.empty(), CommitPoint.NONE);
        archiver.write(TP, LongStream.range(0, 10).mapToObj(o -> MakRecord.of(o, null, new byte[1])).toList(), new ArrayList<>());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LifeCounters lives = new LifeCounters(registry);
        ConsumerDuties duties = new ConsumerDuties(archiver, new CommitQueue(), new TimestampTypes(), new PartitionHandOff(),
                new ArchiveMetrics(registry, archiver.ledger(), archiver.stalls(), lives, new StoreStanding(Clock.systemUTC()), Clock.systemUTC()),
                new KafkaLifeWatch(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), lives),
                new Assignments(), new DiskSpace(root, 0));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (ArchiveConsumer consumer = new ArchiveConsumer(props, duties)) {
            consumer.assign(List.of(TP));

            consumer.seek(TP, 3);
            assertThat(consumer.position(TP)).as("after what is held").isEqualTo(10);
            consumer.seek(TP, new OffsetAndMetadata(0));
            assertThat(consumer.position(TP)).isEqualTo(10);
            consumer.seek(TP, 25);
            assertThat(consumer.position(TP)).as("forward, as asked").isEqualTo(25);
        } finally {
            duties.lifeWatch().close();
            archiver.close();
        }
    }
}
