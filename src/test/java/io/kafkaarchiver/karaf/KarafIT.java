package io.kafkaarchiver.karaf;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archiver deployed into a real Karaf 4.4 as the README says (its features repository, {@code feature:install},
 * {@code etc/io.kafkaarchiver.cfg}), archiving from the real broker into the real S3 server. Karaf runs the plain
 * Camel jars wrapped, a stand-in for camel-karaf (see camel-wrapped-features.xml).
 */
@ExtendWith(ArchiveTestEnvironment.class)
class KarafIT {

    private static final String VERSION = System.getProperty("kafkaarchiver.version");
    private static final Path WRAPPED_CAMEL = Path.of("target", "test-classes", "karaf", "camel-wrapped-features.xml").toAbsolutePath();
    private static final String STARTED = "Starting with ArchiveSettings";
    private static final String BUNDLE = "io.kafkaarchiver";
    /** One tab-separated row per bundle: ID, State, Lvl, Version, Symbolic name. */
    private static final String LIST = "bundle:list -s --no-format";

    @TempDir
    Path dir;

    @Test
    void archivesRestartsOnAConfigChangeAndHandsOffWhenTheBundleStops(TestEnv env) throws Exception {
        String topic = env.topic("karaf");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        Path work = dir.resolve("work");  // where ArchiverIT.settings puts the working directory
        // The S3 secret reaches the archiver through Karaf's environment, never through Configuration Admin.
        Map<String, String> environment = Map.of(SettingsSource.environmentName("s3.secret-key"), LocalS3.SECRET_KEY);
        try (KarafContainer karaf = KarafContainer.start(dir.resolve("karaf"), repositoryWithTheBuild(), environment)) {
            Path cfg = karaf.etc(KarafSettings.PID + ".cfg");
            writeConfig(cfg, settings(env, topic, dir, "archive.rotate.max-age", "forever"));
            karaf.client(
                    // In a camel-karaf runtime this is camel-karaf's own repository: feature:repo-add camel 4.14.5
                    "feature:repo-add " + WRAPPED_CAMEL.toUri(),
                    "feature:repo-add mvn:io.kafkaarchiver/kafka-archiver/" + VERSION + "/xml/features",
                    "feature:install kafka-archiver");
            String badSetting = "kafka-archiver not started: bad setting archive.rotate.max-age: 'forever'";
            Deadline.await("the log to name the bad setting", Duration.ofSeconds(60), () -> karaf.log().contains(badSetting));
            assertThat(karaf.log()).doesNotContain(STARTED);
            // One client for both: each bin/client is a JVM of its own, a second or two.
            String stopped = karaf.client(LIST, "bundle:diag " + BUNDLE);
            assertThat(bundleState(stopped)).as("the bundle's state in bundle:list").isEqualTo("Failure");
            assertThat(stopped).as("bundle:diag").contains(badSetting);

            produce(env, topic, 0, 400);
            writeConfig(cfg, settings(env, topic, dir, "archive.rotate.max-records", "100", "archive.rotate.max-age", "1s"));
            awaitArchivedOnce(env, topic, 400);
            awaitCommitted(env, topic, 400);
            assertThat(bundleState(karaf.client(LIST))).as("the bundle's state in bundle:list once it runs").isEqualTo("Active");
            String shown = karaf.client("service:list " + CamelContext.class.getName(), "config:list '(service.pid=" + KarafSettings.PID + ")'");
            assertThat(shown).as("the CamelContext as an OSGi service, as camel-karaf's camel:* commands find it")
                    .contains("camel.context.name = kafka-archiver", "camel.context.symbolicname = " + BUNDLE);
            assertThat(shown).as("config:list").contains("archive.topics = " + topic).doesNotContain(LocalS3.SECRET_KEY);
            try (JMXConnector jmx = karaf.jmx()) {
                seenOverJmx(jmx.getMBeanServerConnection(), topic);
            }

            // Now files complete only at 100,000 records or after an hour: only a hand-off puts them in S3.
            writeConfig(cfg, settings(env, topic, dir, "archive.rotate.max-records", "100000", "archive.rotate.max-age", "1h"));
            Deadline.await("the archiver started again with the new settings", Duration.ofSeconds(60),
                    () -> karaf.log().split(STARTED, -1).length - 1 == 2);
            produce(env, topic, 400, 800);
            Deadline.await("800 records in the in-progress files", Duration.ofSeconds(60), () -> recordsInProgress(work) == 800);

            karaf.client("bundle:stop " + BUNDLE);
            assertThat(ArchiveContents.read(env).offsetCounts(topic)).as("offsets in S3 once the bundle has stopped").hasSize(1200)
                    .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));
            awaitCommitted(env, topic, 1200);
            assertThat(karaf.log()).as("Karaf's log").doesNotContain("Camel (camel-").doesNotContain(LocalS3.SECRET_KEY);
            System.out.printf("KarafIT: Karaf's peak RSS %d MB%n", karaf.peakRssMegabytes());
            assertThat(karaf.stop(Duration.ofSeconds(30))).as("Karaf stopped by bin/stop").isTrue();
        }
    }

    /** Camel's route MBeans, the archiver's meters (every partition archived: no lag) and its threads named after its context. */
    private static void seenOverJmx(MBeanServerConnection jmx, String topic) throws Exception {
        ObjectName consume = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"archive-consume\",*"), null).stream()
                .findFirst().orElseThrow(() -> new AssertionError("no MBean of the route archive-consume"));
        assertThat(jmx.getAttribute(consume, "State")).as(consume.toString()).isEqualTo("Started");

        Set<ObjectName> healths = jmx.queryNames(new ObjectName("org.apache.camel:type=health,*"), null);
        assertThat(healths).as("Camel's health MBean, among " + jmx.queryNames(new ObjectName("org.apache.camel:*"), null)).hasSize(1);
        ObjectName health = healths.iterator().next();
        assertThat(jmx.getAttribute(health, "HealthChecksIDs").toString()).as("health checks").contains("archive");
        assertThat(jmx.getAttribute(health, "HealthyReadiness")).as("readiness").isEqualTo(true);

        ObjectName meters = new ObjectName("io.kafkaarchiver:type=meters,name=\"kafka-archiver\"");
        assertThat((Double) jmx.getAttribute(meters, "kafka_archiver_records_written_total")).isGreaterThanOrEqualTo(400);
        String lag = "kafka_archiver_partition_lag_records{partition=\"%d\",topic=\"" + topic + "\"}";
        Deadline.await("no lag in any partition over JMX", Duration.ofSeconds(30), () -> IntStream.range(0, ArchiverIT.PARTITIONS)
                .allMatch(partition -> lagOf(jmx, meters, lag.formatted(partition)) == 0));
        assertThat(jmx.getMBeanInfo(meters).getAttributes()).extracting(MBeanAttributeInfo::getName)
                .contains("kafka_archiver_oldest_unarchived_seconds{partition=\"0\",topic=\"" + topic + "\"}",
                        "kafka_archiver_last_upload_timestamp_seconds{partition=\"0\",topic=\"" + topic + "\"}");

        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        assertThat(threads.getThreadInfo(threads.getAllThreadIds())).extracting(ThreadInfo::getThreadName)
                .anyMatch(name -> name.startsWith("Camel (kafka-archiver) thread #"))
                .noneMatch(name -> name.startsWith("Camel (camel-"));
    }

    /** NaN until the consumer has fetched the partition's log end. */
    private static double lagOf(MBeanServerConnection jmx, ObjectName meters, String attribute) {
        try {
            return (Double) jmx.getAttribute(meters, attribute);
        } catch (AttributeNotFoundException notAssignedYet) {
            return Double.NaN;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The State column of the archiver's row in the output of {@link #LIST}. */
    private static String bundleState(String output) {
        return output.lines().map(row -> row.split("\t"))
                .filter(columns -> columns.length == 5 && columns[4].trim().equals(BUNDLE))
                .map(columns -> columns[1].trim())
                .findFirst().orElseThrow(() -> new AssertionError(BUNDLE + " not listed by bundle:list:\n" + output));
    }

    /** The bundle and features as the build made them, where Karaf's Maven resolver looks first. */
    private Path repositoryWithTheBuild() throws IOException {
        Path repository = dir.resolve("m2");
        Path version = repository.resolve("io/kafkaarchiver/kafka-archiver").resolve(VERSION);
        Files.createDirectories(version);
        Files.copy(Path.of("target", "kafka-archiver-bundle.jar"), version.resolve("kafka-archiver-" + VERSION + "-bundle.jar"));
        Files.copy(Path.of("target", "features", "features.xml"), version.resolve("kafka-archiver-" + VERSION + "-features.xml"));
        return repository;
    }

    /**
     * The integration tests' settings ({@link ArchiverIT#settings}) that differ from the defaults, Camel Main's left out,
     * and the S3 secret, which Karaf's environment gives.
     */
    private static Map<String, String> settings(TestEnv env, String topic, Path dir, String... overrides) throws IOException {
        String[] all = Stream.concat(Stream.of("archive.topics", topic), Stream.of(overrides)).toArray(String[]::new);
        Properties settings = ArchiverIT.settings(env, dir, all);
        Properties defaults = SettingsSource.defaults();
        return settings.stringPropertyNames().stream().sorted()
                .filter(key -> !key.startsWith("camel.") && !key.equals("s3.secret-key") && !settings.getProperty(key).equals(defaults.getProperty(key)))
                .collect(Collectors.toMap(key -> key, settings::getProperty, (a, b) -> a, LinkedHashMap::new));
    }

    /** Written whole, as an operator's editor does; Karaf notices within a second. */
    private static void writeConfig(Path cfg, Map<String, String> settings) throws IOException {
        Files.writeString(cfg, settings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private static void awaitArchivedOnce(TestEnv env, String topic, int count) throws Exception {
        Deadline.await(count + " offsets of " + topic + " in S3", Duration.ofSeconds(90),
                () -> ArchiveContents.read(env).offsetCounts(topic).size() >= count);
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(count)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));
    }

    /** Records in the working directory's in-progress files; -1 while one ends in a record still being written. */
    private static long recordsInProgress(Path work) throws IOException {
        Path inProgress = work.resolve("in-progress");
        if (!Files.isDirectory(inProgress)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(inProgress)) {
            files = list.toList();
        }
        long records = 0;
        for (Path file : files) {
            try (MakReader reader = MakReader.open(file)) {
                while (reader.next() != null) {
                    records++;
                }
            } catch (IOException | RuntimeException tornTail) {
                return -1;
            }
        }
        return records;
    }
}
