package io.kafkaarchiver.config;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.RotationPolicy;
import io.kafkaarchiver.archive.RotationSchedule;
import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.catalog.TopicLives;
import io.kafkaarchiver.consumer.ArchiveKafkaClientFactory;
import io.kafkaarchiver.consumer.Assignments;
import io.kafkaarchiver.consumer.CommitQueue;
import io.kafkaarchiver.consumer.ConsumerDuties;
import io.kafkaarchiver.consumer.KafkaLifeWatch;
import io.kafkaarchiver.consumer.PartitionHandOff;
import io.kafkaarchiver.consumer.RecordBatchWriter;
import io.kafkaarchiver.consumer.TimestampTypes;
import io.kafkaarchiver.metrics.ArchiveHealthCheck;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.metrics.LifeCounters;
import io.kafkaarchiver.topics.SnapshotStore;
import io.kafkaarchiver.topics.TopicSnapshots;
import io.kafkaarchiver.upload.LivesRecorder;
import io.kafkaarchiver.upload.ManifestRecorder;
import io.kafkaarchiver.upload.MultipartPut;
import io.kafkaarchiver.upload.ObjectKeys;
import io.kafkaarchiver.upload.Quarantine;
import io.kafkaarchiver.upload.UploadCompletion;
import io.kafkaarchiver.upload.UploadRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one place the archiver's beans are made and named, for the route files to refer to
 * ({@code #archiver}, {@code #s3Client}, ...). The standalone jar and an embedding runtime bind the same beans.
 */
public final class ArchiveConfiguration {

    /**
     * The archiver's routes as the jar (and the Karaf bundle) carries them. Named one by one: Camel
     * searches a classpath folder recursively, and routes/ has subfolders (the XML twin, the restore route).
     */
    public static final String ROUTES = "classpath:routes/archive.camel.yaml";

    private final ArchiveSettings settings;
    private final Archiver archiver;
    private final S3Client s3;
    private final PrometheusMeterRegistry meterRegistry;
    private final KafkaLifeWatch lifeWatch;
    private final PartitionHandOff handOff = new PartitionHandOff();
    private final TopicSnapshots topicSnapshots;

    private ArchiveConfiguration(ArchiveSettings settings, Archiver archiver, S3Client s3, PrometheusMeterRegistry meterRegistry,
                                 KafkaLifeWatch lifeWatch) {
        this.settings = settings;
        this.archiver = archiver;
        this.s3 = s3;
        this.meterRegistry = meterRegistry;
        this.lifeWatch = lifeWatch;
        this.topicSnapshots = TopicSnapshots.of(new SnapshotStore(s3, settings.s3().bucket(), manifest()), kafkaClientConfig(settings),
                settings.topics(), settings.topicPattern(), settings.snapshots().groups(), settings.groupId());
    }

    /** Opens the working directory (recovering what an earlier run left there) and the S3 client. */
    public static ArchiveConfiguration open(ArchiveSettings settings) throws IOException {
        RotationPolicy policy = new RotationPolicy(settings.rotateMaxAge(), settings.rotateMaxBytes(), settings.rotateMaxRecords());
        PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaLifeWatch lifeWatch = new KafkaLifeWatch(kafkaClientConfig(settings), new LifeCounters(meterRegistry));
        Archiver archiver = Archiver.open(WorkDir.open(settings.workDir()), settings.format(), policy, settings.compression(),
                settings.quarantineRetryAfter(), Clock.systemUTC(), lifeWatch);
        return new ArchiveConfiguration(settings, archiver, settings.s3().newClient(), meterRegistry, lifeWatch);
    }

    private static Map<String, Object> kafkaClientConfig(ArchiveSettings settings) {
        return KafkaConnection.of(settings.brokers(), settings.consumerProperties()).clientConfig();
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
        ArchiveMetrics metrics = new ArchiveMetrics(meterRegistry, archiver.ledger(), archiver.stalls(), Clock.systemUTC());
        TimestampTypes timestampTypes = new TimestampTypes();
        Assignments assignments = new Assignments();
        ObjectKeys keys = ObjectKeys.of(settings.s3().keyTemplate(), settings.groupId(), settings.compression());
        // Camel's Prometheus support scrapes the registry bound under this name, with Camel's own meters.
        registry.accept(MicrometerConstants.METRICS_REGISTRY_NAME, meterRegistry);
        registry.accept("archiver", archiver);
        registry.accept("rotationSchedule", new RotationSchedule(archiver.deadlines(), settings.rotateCheckInterval(), Clock.systemUTC()));
        registry.accept("objectCompressor", archiver.compressor());
        registry.accept("completedFiles", archiver.completedFiles());
        registry.accept("s3Client", s3);
        registry.accept("partitionHandOff", handOff);
        registry.accept("archiveKafkaClientFactory", new ArchiveKafkaClientFactory(
                new ConsumerDuties(archiver, commits, timestampTypes, handOff, metrics, lifeWatch, assignments), settings.consumerProperties()));
        // Camel's health checks find this one in the registry.
        registry.accept("archiveHealth", new ArchiveHealthCheck(archiver.ledger(), archiver.stalls(), settings.healthMaxStall(), Clock.systemUTC()));
        registry.accept("recordBatchWriter", new RecordBatchWriter(archiver, timestampTypes, metrics, assignments));
        LivesRecorder lives = new LivesRecorder(new TopicLives(s3, settings.s3().bucket(), manifest()), Clock.systemUTC());
        registry.accept("uploadRequest", new UploadRequest(s3, settings.s3().bucket(), keys, lives, archiver.completedFiles()));
        registry.accept("multipartPut", new MultipartPut(s3, settings.s3().bucket(), settings.s3().sse(), settings.s3().sseKmsKeyId(),
                settings.s3().partSize()));
        registry.accept("manifestRecorder", new ManifestRecorder(manifest()));
        registry.accept("uploadCompletion", new UploadCompletion(archiver.completedFiles(), commits, metrics));
        registry.accept("quarantine", new Quarantine(archiver.completedFiles(), metrics));
        registry.accept("topicSnapshots", topicSnapshots);
    }

    /** Commits and closes the in-progress files (a restart resumes them) and the S3 client; safe to call again. */
    public void close() throws IOException {
        topicSnapshots.close();
        lifeWatch.close();
        try {
            archiver.close();
        } finally {
            s3.close();
        }
    }
}
