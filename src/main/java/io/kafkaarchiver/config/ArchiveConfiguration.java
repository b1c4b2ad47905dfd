package io.kafkaarchiver.config;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.RotationPolicy;
import io.kafkaarchiver.archive.RotationSchedule;
import io.kafkaarchiver.archive.StoreStanding;
import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.catalog.TopicLives;
import io.kafkaarchiver.consumer.DiskSpace;
import io.kafkaarchiver.consumer.KafkaLifeWatch;
import io.kafkaarchiver.metrics.ArchiveHealthCheck;
import io.kafkaarchiver.metrics.ArchiveMetrics;
import io.kafkaarchiver.metrics.LifeCounters;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.topics.SnapshotStore;
import io.kafkaarchiver.topics.TopicSnapshots;
import io.kafkaarchiver.upload.LivesRecorder;
import io.kafkaarchiver.upload.ObjectKeys;
import io.kafkaarchiver.upload.StoreCheck;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The beans a route file cannot declare, made and named in one place: those opened from the working
 * directory (the archiver and its parts), made from the checked settings (the archive's store, its
 * standing and write check, object keys, the record of topic lives, metrics, health, topic
 * snapshots, the watch on topic ids) or shared with Camel by name (the meter registry). The route files
 * declare the rest in their {@code beans} section, built from these ({@code #bean:archiver}, ...). The
 * standalone jar, the Karaf bundle and a user's own Camel runtime bind these, then load the route files.
 */
public final class ArchiveConfiguration {

    /**
     * The archiver's routes as the jar (and the Karaf bundle) carries them. Named one by one: Camel
     * searches a classpath folder recursively, and routes/ has subfolders (the XML twin, the restore route).
     */
    public static final String ROUTES = "classpath:routes/archive.camel.yaml";

    /** How many files a hand-off puts in the store at once. */
    public static final int HAND_OFF_THREADS = 16;

    private final ArchiveSettings settings;
    private final Archiver archiver;
    private final ArchiveStore store;
    private final PrometheusMeterRegistry meterRegistry;
    private final KafkaLifeWatch lifeWatch;
    private final LifeCounters lives;
    private final TopicSnapshots topicSnapshots;
    private final StoreStanding storeStanding = new StoreStanding(Clock.systemUTC());
    /** The hand-off's uploads: round trips to the store, many at once, so that a rebalance of thousands of files fits its budget. */
    private final ExecutorService handOffThreads = Executors.newFixedThreadPool(HAND_OFF_THREADS, runnable -> {
        Thread t = new Thread(runnable, "kafka-archiver-handoff");
        t.setDaemon(true);
        return t;
    });

    private ArchiveConfiguration(ArchiveSettings settings, Archiver archiver, ArchiveStore store, PrometheusMeterRegistry meterRegistry,
                                 KafkaLifeWatch lifeWatch, LifeCounters lives) {
        this.settings = settings;
        this.archiver = archiver;
        this.store = store;
        this.meterRegistry = meterRegistry;
        this.lifeWatch = lifeWatch;
        this.lives = lives;
        this.topicSnapshots = TopicSnapshots.of(new SnapshotStore(store, manifest()), kafkaClientConfig(settings),
                settings.topics(), settings.topicPattern(), settings.snapshots().groups(), settings.groupId());
    }

    /** Opens the working directory (recovering what an earlier run left there) and the archive's store. */
    public static ArchiveConfiguration open(ArchiveSettings settings) throws IOException {
        return open(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** As {@link #open(ArchiveSettings)}, with the archiver's meters in {@code meterRegistry} (an application's own). */
    public static ArchiveConfiguration open(ArchiveSettings settings, PrometheusMeterRegistry meterRegistry) throws IOException {
        RotationPolicy policy = new RotationPolicy(settings.rotateMaxAge(), settings.rotateMaxBytes(), settings.rotateMaxRecords(),
                settings.rotateEventTime());
        LifeCounters lives = new LifeCounters(meterRegistry);
        KafkaLifeWatch lifeWatch = new KafkaLifeWatch(kafkaClientConfig(settings), lives);
        Archiver archiver = Archiver.open(WorkDir.open(settings.workDir()), settings.format(), policy, settings.objectCompression(),
                settings.parquet(), settings.quarantineRetryAfter(), Clock.systemUTC(), lifeWatch);
        return new ArchiveConfiguration(settings, archiver, settings.archive().open(), meterRegistry, lifeWatch, lives);
    }

    private static Map<String, Object> kafkaClientConfig(ArchiveSettings settings) {
        return settings.kafka().clientConfig();
    }

    /** What the route files' placeholders resolve to: the settings as given, and those derived from them. */
    public static Properties placeholders(Properties properties, ArchiveSettings settings) {
        Properties all = new Properties();
        all.putAll(properties);
        all.putAll(settings.routeProperties());
        return all;
    }

    /** The archive's completeness manifest. */
    public Manifest manifest() {
        return settings.archive().manifest(store);
    }

    /** What the archive holds, read through the archiver's own store. */
    public ArchiveCatalog catalog() {
        return new ArchiveCatalog(store, manifest());
    }

    /** Hands every bean to {@code registry} under the name the route files use. */
    public void bindTo(BiConsumer<String, Object> registry) {
        // Camel's Prometheus support scrapes the registry bound under this name, with Camel's own meters.
        registry.accept(MicrometerConstants.METRICS_REGISTRY_NAME, meterRegistry);
        registry.accept("archiver", archiver);
        registry.accept("rotationSchedule", new RotationSchedule(archiver.deadlines(), settings.rotateCheckInterval(), Clock.systemUTC()));
        registry.accept("objectCompressor", archiver.compressor());
        registry.accept("completedFiles", archiver.completedFiles());
        registry.accept("archiveMetrics", new ArchiveMetrics(meterRegistry, archiver.ledger(), archiver.stalls(), lives, storeStanding,
                Clock.systemUTC()));
        // Camel's health checks find this one in the registry.
        registry.accept("archiveHealth", new ArchiveHealthCheck(archiver.ledger(), archiver.stalls(), storeStanding, settings.healthMaxStall(),
                Clock.systemUTC()));
        registry.accept("lifeWatch", lifeWatch);
        registry.accept("archiveStore", store);
        registry.accept("storeStanding", storeStanding);
        registry.accept("storeCheck", new StoreCheck(store, manifest().accessCheckKey()));
        registry.accept("objectKeys", ObjectKeys.of(settings.archive().keyTemplate(), settings.groupId(), settings.objectCompression()));
        registry.accept("manifest", manifest());
        registry.accept("livesRecorder", new LivesRecorder(new TopicLives(store, manifest()), Clock.systemUTC()));
        // The user's kafka.consumer.* pass-through properties, checked against Kafka's own definitions.
        registry.accept("kafkaConsumerProperties", settings.consumerProperties());
        registry.accept("topicSnapshots", topicSnapshots);
        registry.accept("handOffThreads", handOffThreads);
        registry.accept("diskSpace", new DiskSpace(settings.workDir(), settings.minFreeDisk()));
    }

    /** Commits and closes the in-progress files (a restart resumes them) and the store; safe to call again. */
    public void close() throws IOException {
        handOffThreads.shutdownNow();
        topicSnapshots.close();
        lifeWatch.close();
        try {
            archiver.close();
        } finally {
            store.close();
        }
    }
}
