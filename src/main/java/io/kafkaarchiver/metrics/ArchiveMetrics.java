package io.kafkaarchiver.metrics;

import io.kafkaarchiver.archive.Ledger;
import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.StalledPartitions;
import io.kafkaarchiver.archive.StoreStanding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator watches, scraped by Prometheus from Camel's management server
 * ({@code /observe/metrics}) as {@code kafka_archiver_*}: what was done (records written, objects and
 * bytes uploaded, uploads quarantined, damaged files recovered at startup, the store's refusals), what
 * waits (files per stage, stalled partitions, a store that refuses), and, per partition assigned here,
 * what is not in S3 yet (records, and the age of the oldest).
 */
public final class ArchiveMetrics {

    /** What the consumer last saw of a partition, and when it last had an object archived. */
    private static final class PartitionFigures {
        volatile long position = -1;
        volatile long logEnd = -1;
        volatile long lastUploadSeconds;
    }

    private final Ledger ledger;
    private final LifeCounters lives;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Counter recordsWritten;
    private final Counter objectsUploaded;
    private final Counter bytesUploaded;
    private final Counter uploadsQuarantined;
    private final Map<TopicPartition, PartitionFigures> partitions = new ConcurrentHashMap<>();

    /**
     * @param lives the lives of the archived topics (their partitions' truncations are published here, with the
     *              other figures per partition)
     */
    public ArchiveMetrics(PrometheusMeterRegistry registry, Ledger ledger, StalledPartitions stalls, LifeCounters lives, StoreStanding store,
                          Clock clock) {
        this.ledger = ledger;
        this.lives = lives;
        this.registry = registry;
        this.clock = clock;
        recordsWritten = Counter.builder("kafka.archiver.records.written")
                .description("Records written to in-progress MAK files").register(registry);
        objectsUploaded = Counter.builder("kafka.archiver.objects.uploaded")
                .description("Objects put in the store (or found there already)").register(registry);
        bytesUploaded = Counter.builder("kafka.archiver.bytes.uploaded")
                .description("Bytes of the objects put in the store").baseUnit("bytes").register(registry);
        uploadsQuarantined = Counter.builder("kafka.archiver.uploads.quarantined")
                .description("Uploads that ran out of retries and went to quarantine/").register(registry);
        for (Stage stage : Stage.values()) {
            Gauge.builder("kafka.archiver.files.waiting", () -> ledger.count(stage))
                    .description("Files in each stage of the working directory").tag("stage", stage.folder()).register(registry);
        }
        FunctionCounter.builder("kafka.archiver.recovered.tails", ledger, l -> l.damagedFiles().size())
                .description("Files a power loss had damaged, found at startup: cut to their last good record, or moved to damaged/")
                .register(registry);
        Gauge.builder("kafka.archiver.partitions.stalled", stalls::count)
                .description("Partitions paused because their file could not be written (a full disk?)").register(registry);
        Gauge.builder("kafka.archiver.store.refused", () -> store.refusal().isPresent() ? 1 : 0)
                .description("1 while the store refuses the archive for a setting to fix (readiness and the log name it), else 0").register(registry);
        registry.getPrometheusRegistry().register(new PerPartition());
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

    /** S3 refused an upload or a probe, for a reason that names {@code setting}. */
    public void storeRefused(String setting) {
        Counter.builder("kafka.archiver.store.refusals").description("Uploads and probes the store refused, by the setting the refusal names")
                .tag("setting", setting).register(registry).increment();
    }

    /** Partitions assigned to this instance: their figures are published while they stay. */
    public void assigned(Collection<TopicPartition> assigned) {
        assigned.forEach(tp -> partitions.putIfAbsent(tp, new PartitionFigures()));
    }

    /** Partitions that have left: their figures are another instance's to publish now. */
    public void released(Collection<TopicPartition> released) {
        released.forEach(partitions::remove);
    }

    /** What the consumer knows of a partition: its position, and the offset after the last record Kafka holds. */
    public void positions(TopicPartition tp, long position, long logEnd) {
        PartitionFigures p = partitions.get(tp);
        if (p != null) {
            p.position = position;
            p.logEnd = logEnd;
        }
    }

    /**
     * The figures per partition, made when Prometheus scrapes: thousands of partitions cost no meters kept in
     * memory (each Micrometer meter costs about a kilobyte, and scrapes slow down with their number).
     */
    private final class PerPartition implements MultiCollector {

        @Override
        public MetricSnapshots collect() {
            GaugeSnapshot.Builder lag = GaugeSnapshot.builder().name("kafka_archiver_partition_lag_records")
                    .help("Records Kafka holds that are not in the store yet");
            GaugeSnapshot.Builder oldest = GaugeSnapshot.builder().name("kafka_archiver_oldest_unarchived_seconds")
                    .help("Age of the oldest record held here that is not in the store yet (0: none)");
            GaugeSnapshot.Builder lastUpload = GaugeSnapshot.builder().name("kafka_archiver_last_upload_timestamp_seconds")
                    .help("When the partition last had an object put in the store, in seconds since the epoch (0: not yet)");
            CounterSnapshot.Builder truncations = CounterSnapshot.builder().name("kafka_archiver_partition_truncations")
                    .help("Times a partition's offsets went back within the life of its topic (an unclean leader election?)");
            partitions.forEach((tp, p) -> {
                Labels labels = Labels.of("partition", Integer.toString(tp.partition()), "topic", tp.topic());
                Ledger.Unarchived unarchived = ledger.unarchived(tp);
                lag.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(lag(unarchived, p)).build());
                oldest.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(oldestUnarchivedSeconds(unarchived)).build());
                lastUpload.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(p.lastUploadSeconds).build());
                truncations.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(lives.truncations(tp)).build());
            });
            return new MetricSnapshots(lag.build(), oldest.build(), lastUpload.build(), truncations.build());
        }
    }

    private static double lag(Ledger.Unarchived unarchived, PartitionFigures p) {
        long next = unarchived.nextOffset();
        if (next < 0) {
            next = p.position;
        }
        return p.logEnd < 0 || next < 0 ? Double.NaN : Math.max(0, p.logEnd - next);
    }

    private double oldestUnarchivedSeconds(Ledger.Unarchived unarchived) {
        Instant oldest = unarchived.oldestSince();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
