package io.kafkaarchiver.metrics;

import io.kafkaarchiver.archive.Ledger;
import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.StalledPartitions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator watches, scraped by Prometheus from Camel's management server
 * ({@code /observe/metrics}) as {@code kafka_archiver_*}: what was done (records written, objects and
 * bytes uploaded, uploads quarantined), what waits (files per stage, stalled partitions), and, per
 * partition assigned here, what is not in S3 yet (records, and the age of the oldest).
 */
public final class ArchiveMetrics {

    /** What the consumer last saw of a partition, and when it last had an object archived. */
    private static final class PartitionFigures {
        volatile long position = -1;
        volatile long logEnd = -1;
        volatile long lastUploadSeconds;
        List<Meter> meters = List.of();
    }

    private final MeterRegistry registry;
    private final Ledger ledger;
    private final Clock clock;
    private final Counter recordsWritten;
    private final Counter objectsUploaded;
    private final Counter bytesUploaded;
    private final Counter uploadsQuarantined;
    private final Map<TopicPartition, PartitionFigures> partitions = new ConcurrentHashMap<>();

    public ArchiveMetrics(MeterRegistry registry, Ledger ledger, StalledPartitions stalls, Clock clock) {
        this.registry = registry;
        this.ledger = ledger;
        this.clock = clock;
        recordsWritten = Counter.builder("kafka.archiver.records.written")
                .description("Records written to in-progress MAK files").register(registry);
        objectsUploaded = Counter.builder("kafka.archiver.objects.uploaded")
                .description("Objects put in S3 (or found there already)").register(registry);
        bytesUploaded = Counter.builder("kafka.archiver.bytes.uploaded")
                .description("Bytes of the objects put in S3").baseUnit("bytes").register(registry);
        uploadsQuarantined = Counter.builder("kafka.archiver.uploads.quarantined")
                .description("Uploads that ran out of retries and went to quarantine/").register(registry);
        for (Stage stage : Stage.values()) {
            Gauge.builder("kafka.archiver.files.waiting", () -> ledger.count(stage))
                    .description("Files in each stage of the working directory").tag("stage", stage.folder()).register(registry);
        }
        Gauge.builder("kafka.archiver.partitions.stalled", stalls::count)
                .description("Partitions paused because their file could not be written (a full disk?)").register(registry);
    }

    public void recordsWritten(int count) {
        recordsWritten.increment(count);
    }

    public void objectUploaded(TopicPartition tp, long bytes) {
        objectsUploaded.increment();
        bytesUploaded.increment(bytes);
        PartitionFigures p = partitions.get(tp);
        if (p != null) {
            p.lastUploadSeconds = clock.instant().getEpochSecond();
        }
    }

    public void uploadQuarantined() {
        uploadsQuarantined.increment();
    }

    /** Partitions assigned to this instance: their figures are published while they stay. */
    public void assigned(Collection<TopicPartition> assigned) {
        for (TopicPartition tp : assigned) {
            partitions.computeIfAbsent(tp, t -> {
                PartitionFigures p = new PartitionFigures();
                Tags tags = Tags.of("topic", t.topic(), "partition", Integer.toString(t.partition()));
                p.meters = List.of(
                        Gauge.builder("kafka.archiver.partition.lag.records", () -> lag(t, p)).tags(tags)
                                .description("Records Kafka holds that are not in S3 yet").register(registry),
                        Gauge.builder("kafka.archiver.oldest.unarchived.seconds", () -> oldestUnarchivedSeconds(t)).tags(tags)
                                .description("Age of the oldest record held here that is not in S3 yet (0: none)").register(registry),
                        Gauge.builder("kafka.archiver.last.upload.timestamp.seconds", () -> p.lastUploadSeconds).tags(tags)
                                .description("When the partition last had an object put in S3, in seconds since the epoch (0: not yet)")
                                .register(registry));
                return p;
            });
        }
    }

    /** Partitions that have left: their figures are another instance's to publish now. */
    public void released(Collection<TopicPartition> released) {
        for (TopicPartition tp : released) {
            PartitionFigures p = partitions.remove(tp);
            if (p != null) {
                p.meters.forEach(registry::remove);
            }
        }
    }

    /** What the consumer knows of a partition: its position, and the offset after the last record Kafka holds. */
    public void positions(TopicPartition tp, long position, long logEnd) {
        PartitionFigures p = partitions.get(tp);
        if (p != null) {
            p.position = position;
            p.logEnd = logEnd;
        }
    }

    private double lag(TopicPartition tp, PartitionFigures p) {
        long next = ledger.unarchived(tp).nextOffset();
        if (next < 0) {
            next = p.position;
        }
        return p.logEnd < 0 || next < 0 ? Double.NaN : Math.max(0, p.logEnd - next);
    }

    private double oldestUnarchivedSeconds(TopicPartition tp) {
        Instant oldest = ledger.unarchived(tp).oldestSince();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
