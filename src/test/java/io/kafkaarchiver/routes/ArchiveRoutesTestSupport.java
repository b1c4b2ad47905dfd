package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.archive.ObjectCompressor;
import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.store.s3.S3Address;
import io.kafkaarchiver.store.s3.ConditionalWrites;
import io.kafkaarchiver.store.s3.S3Store;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static io.kafkaarchiver.demo.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archiver's routes as the jar ships them ({@link ArchiveConfiguration#ROUTES}), with the beans the
 * runtime binds, on a working directory of their own, in a CamelContext that starts once a test has
 * advised what it replaces. Kafka and S3 are addresses on 127.0.0.1 where nothing listens: a test replaces
 * the steps that would reach them, or lets them fail as they would against a server that is down.
 */
abstract class ArchiveRoutesTestSupport extends CamelTestSupport {

    static final TopicPartition ORDERS = new TopicPartition("orders", 0);
    /** Records per file: a file of this many rotates as it is written. */
    static final int FILE_RECORDS = 10;
    static final String DEAD_LETTER = "mock:dead-letter";
    /** Where archive-put's put goes instead of S3. */
    static final String PUT = "mock:put";

    @TempDir
    Path dir;

    private Properties properties;
    private ArchiveConfiguration configuration;
    private S3Client s3;

    /** Settings of the test, over the route tests' own. */
    Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    /** The routes that would reach Kafka on their own: started only by the tests about them. */
    @Override
    public String getRouteFilterExcludePattern() {
        return "archive-consume,archive-topics,archive-groups";
    }

    /**
     * The route tests' settings: the jar's defaults with a working directory in {@code dir}, small files,
     * quick retries, and Kafka and S3 where nothing listens.
     */
    static Properties settings(Path dir) throws IOException {
        Properties properties = SettingsSource.load(dir, Map.of());
        properties.setProperty("archive.topics", ORDERS.topic());
        properties.setProperty("archive.work-dir", dir.resolve("work").toString());
        properties.setProperty("archive.rotate.max-records", Integer.toString(FILE_RECORDS));
        properties.setProperty("archive.rotate.check-interval", "100ms");
        properties.setProperty("archive.upload.max-attempts", "3");
        properties.setProperty("archive.upload.initial-delay", "1ms");
        properties.setProperty("archive.upload.max-delay", "2ms");
        properties.setProperty("archive.dead-letter-uri", DEAD_LETTER);
        properties.setProperty("kafka.brokers", "127.0.0.1:" + freePort());
        properties.setProperty("s3.endpoint", "http://127.0.0.1:" + freePort());
        properties.setProperty("s3.path-style", "true");
        properties.setProperty("s3.access-key", "route-test");
        properties.setProperty("s3.secret-key", "route-test");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        properties = settings(dir);
        settings().forEach(properties::setProperty);
        ArchiveSettings settings = ArchiveSettings.from(properties);
        configuration = ArchiveConfiguration.open(settings);
        CamelContext camel = super.createCamelContext();
        camel.getPropertiesComponent().setInitialProperties(ArchiveConfiguration.placeholders(properties, settings));
        return camel;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        configuration.bindTo(registry::bind);
        // The same unreachable S3, but each request fails at once instead of after the SDK's retries.
        s3 = S3Client.builder().endpointOverride(URI.create(properties.getProperty("s3.endpoint"))).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        registry.bind("archiveStore", new S3Store(s3, new S3Address(properties.getProperty("s3.bucket"), properties.getProperty("s3.endpoint"),
                "us-east-1", false), "", "", 5L << 20, ConditionalWrites.S3));
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(PluginHelper.getResourceLoader(context).resolveResource(ArchiveConfiguration.ROUTES))
                .toArray(RoutesBuilder[]::new);
    }

    /**
     * Starts the routes, with archive-put's put replaced by {@link #PUT} (it asks S3 for the bucket as it
     * starts); a test advises what else it replaces first.
     */
    void startRoutes() throws Exception {
        AdviceWith.adviceWith(context, "archive-put", a -> a.weaveByToString("process[ref:objectPut]").replace().to(PUT));
        context.start();
    }

    /** What {@code route} hands to the upload stage, sent to a mock endpoint instead; advised before {@link #startRoutes}. */
    MockEndpoint uploadStageOf(String route) throws Exception {
        AdviceWith.adviceWith(context, route, a -> a.weaveByToUri("seda:archive-upload*").replace().to("mock:upload"));
        return getMockEndpoint("mock:upload");
    }

    @AfterEach
    void closeConfiguration() throws Exception {
        context.stop();
        configuration.close();
        s3.close();
    }

    Archiver archiver() {
        return context.getRegistry().lookupByNameAndType("archiver", Archiver.class);
    }

    /** Path of the working directory. */
    Path work() {
        return dir.resolve("work");
    }

    /** A file of {@link #FILE_RECORDS} records of {@link #ORDERS} from {@code start}, rotated: complete, its object not made yet. */
    WorkFile rotatedFile(long start) {
        Archiver archiver = archiver();
        archiver.assigned(ORDERS, Optional.empty(), new CommitPoint(start, ""));
        List<MakRecord> records = new ArrayList<>();
        for (long offset = start; offset < start + FILE_RECORDS; offset++) {
            records.add(MakRecord.of(offset, ("key-" + offset).getBytes(StandardCharsets.UTF_8), ("value-" + offset).getBytes(StandardCharsets.UTF_8)));
        }
        List<WorkFile> work = new ArrayList<>();
        archiver.write(ORDERS, records, work);
        assertThat(work).as("the file rotated as its last record was written").singleElement()
                .satisfies(f -> assertThat(f.stage()).isEqualTo(Stage.ROTATED));
        return work.get(0);
    }

    /** A file's object, made and waiting in {@code upload/}. */
    WorkFile objectAwaitingUpload(long start) throws Exception {
        WorkFile object = context.getRegistry().lookupByNameAndType("objectCompressor", ObjectCompressor.class).compress(rotatedFile(start));
        assertThat(object.stage()).isEqualTo(Stage.UPLOAD);
        return object;
    }

    int waiting(Stage stage) {
        return archiver().ledger().count(stage);
    }
}
