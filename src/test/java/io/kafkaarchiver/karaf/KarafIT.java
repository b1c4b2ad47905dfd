package io.kafkaarchiver.karaf;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        try (KarafContainer karaf = KarafContainer.start(dir.resolve("karaf"), repositoryWithTheBuild())) {
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
            System.out.printf("KarafIT: Karaf's peak RSS %d MB%n", karaf.peakRssMegabytes());
            assertThat(karaf.stop(Duration.ofSeconds(30))).as("Karaf stopped by bin/stop").isTrue();
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

    /** The integration tests' settings ({@link ArchiverIT#settings}) that differ from the defaults, Camel Main's left out. */
    private static Map<String, String> settings(TestEnv env, String topic, Path dir, String... overrides) throws IOException {
        String[] all = Stream.concat(Stream.of("archive.topics", topic), Stream.of(overrides)).toArray(String[]::new);
        Properties settings = ArchiverIT.settings(env, dir, all);
        Properties defaults = SettingsSource.defaults();
        return settings.stringPropertyNames().stream().sorted()
                .filter(key -> !key.startsWith("camel.") && !settings.getProperty(key).equals(defaults.getProperty(key)))
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
