package io.kafkaarchiver.config;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.FileCompressor;
import io.kafkaarchiver.archive.PartitionWriter;
import io.kafkaarchiver.archive.RotationPolicy;
import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.commit.ArchiveKafkaClientFactory;
import io.kafkaarchiver.commit.CommitQueue;
import io.kafkaarchiver.commit.ConsumerDuties;
import io.kafkaarchiver.commit.PartitionHandOff;
import io.kafkaarchiver.commit.TimestampTypes;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.upload.ManifestRecorder;
import io.kafkaarchiver.upload.ObjectKeys;
import io.kafkaarchiver.upload.Quarantine;
import io.kafkaarchiver.upload.UploadCompletion;
import io.kafkaarchiver.upload.UploadRequest;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.topics.SnapshotStore;
import io.kafkaarchiver.topics.TopicSnapshots;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one place the archiver's beans are made and named, for the route files to refer to
 * ({@code #archiver}, {@code #s3Client}, ...). The standalone jar and an embedding runtime bind the same beans.
 */
public final class ArchiveConfiguration {

    private static final int UPLOADS_AT_ONCE = 4;

    private final ArchiveSettings settings;
    private final Archiver archiver;
    private final S3Client s3;
    private final PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PartitionHandOff handOff = new PartitionHandOff();
    /** Compression is CPU-bound: one thread per core. */
    private final ExecutorService compressionThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    /** Uploads mostly wait for the network: a few at once. */
    private final ExecutorService uploadThreads = Executors.newFixedThreadPool(UPLOADS_AT_ONCE);
    private final TopicSnapshots topicSnapshots;

    private ArchiveConfiguration(ArchiveSettings settings, Archiver archiver, S3Client s3) {
        this.settings = settings;
        this.archiver = archiver;
        this.s3 = s3;
        this.topicSnapshots = TopicSnapshots.of(new SnapshotStore(s3, settings.s3().bucket(), manifest()),
                KafkaConnection.of(settings.brokers(), settings.consumerProperties()).clientConfig(), settings.topics(),
                settings.topicPattern(), settings.snapshots().groups(), settings.groupId());
    }

    /** Opens the working directory (recovering what an earlier run left there) and the S3 client. */
    public static ArchiveConfiguration open(ArchiveSettings settings) throws IOException {
        ObjectKeys.of(settings.s3().keyTemplate(), settings.groupId(), settings.compression());
        WorkDir dir = WorkDir.open(settings.workDir());
        RotationPolicy policy = new RotationPolicy(settings.rotateMaxAge(), settings.rotateMaxBytes(), settings.rotateMaxRecords());
        Archiver archiver = Archiver.open(dir, settings.format(), policy, settings.quarantineRetryAfter(), Clock.systemUTC());
        return new ArchiveConfiguration(settings, archiver, settings.s3().newClient());
    }

    public Archiver archiver() {
        return archiver;
    }

    public S3Client s3Client() {
        return s3;
    }

    /** Hands off partitions through the routes: it needs the CamelContext they run in. */
    public PartitionHandOff handOff() {
        return handOff;
    }

    /** The bucket's completeness manifest. */
    public Manifest manifest() {
        return new Manifest(s3, settings.s3().bucket(), settings.s3().manifestPrefix(), Clock.systemUTC());
    }

    /** Hands every bean to {@code registry} under the name the routes use. */
    public void bindTo(BiConsumer<String, Object> registry) {
        CommitQueue commits = new CommitQueue();
        ArchiveMetrics metrics = new ArchiveMetrics(meterRegistry, archiver.workDir(), archiver.stalls());
        TimestampTypes timestampTypes = new TimestampTypes();
        ObjectKeys keys = ObjectKeys.of(settings.s3().keyTemplate(), settings.groupId(), settings.compression());
        // Camel's Prometheus support scrapes the registry bound under this name, with Camel's own meters.
        registry.accept(MicrometerConstants.METRICS_REGISTRY_NAME, meterRegistry);
        registry.accept("archiver", archiver);
        registry.accept("s3Client", s3);
        registry.accept("partitionHandOff", handOff);
        registry.accept("compressionThreads", compressionThreads);
        registry.accept("uploadThreads", uploadThreads);
        registry.accept("archiveKafkaClientFactory", new ArchiveKafkaClientFactory(
                new ConsumerDuties(archiver, commits, timestampTypes, handOff), settings.consumerProperties()));
        registry.accept("partitionWriter", new PartitionWriter(archiver, timestampTypes, metrics));
        registry.accept("fileCompressor", new FileCompressor(archiver.workDir(), settings.compression()));
        registry.accept("uploadRequest", new UploadRequest(s3, settings.s3().bucket(), keys, settings.compression()));
        registry.accept("manifestRecorder", new ManifestRecorder(s3, settings.s3().bucket(), manifest()));
        registry.accept("uploadCompletion", new UploadCompletion(archiver, commits, metrics));
        registry.accept("quarantine", new Quarantine(archiver.workDir(), metrics));
        registry.accept("topicSnapshots", topicSnapshots);
    }

    /** Commits and closes the in-progress files (a restart resumes them), the threads and the S3 client; safe to call again. */
    public void close() throws IOException {
        compressionThreads.shutdownNow();
        uploadThreads.shutdownNow();
        topicSnapshots.close();
        try {
            archiver.close();
        } finally {
            s3.close();
        }
    }
}
