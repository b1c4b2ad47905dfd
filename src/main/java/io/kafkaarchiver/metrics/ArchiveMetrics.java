package io.kafkaarchiver.metrics;

import io.kafkaarchiver.archive.Ledger;
import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.StalledPartitions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator watches: records written, objects and bytes uploaded, uploads quarantined, and
 * the files waiting in each stage of the working directory. Scraped by Prometheus from Camel's
 * management server ({@code /observe/metrics}) as {@code kafka_archiver_*}.
 */
public final class ArchiveMetrics {

    private final Counter recordsWritten;
    private final Counter objectsUploaded;
    private final Counter bytesUploaded;
    private final Counter uploadsQuarantined;

    public ArchiveMetrics(MeterRegistry registry, Ledger ledger, StalledPartitions stalls) {
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

    public void objectUploaded(long bytes) {
        objectsUploaded.increment();
        bytesUploaded.increment(bytes);
    }

    public void uploadQuarantined() {
        uploadsQuarantined.increment();
    }
}
