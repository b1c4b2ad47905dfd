package io.kafkaarchiver.restore;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restores on a real broker and a real S3 server, from an archive the real archiver wrote (several
 * objects per partition): every field comes back, windows pick exactly their records, a killed
 * restore resumes without duplicates, the archive is not fed its own records, and the route does
 * the same inside Camel Main.
 */
@ExtendWith(ArchiveTestEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreIT {

    private static final int RECORDS = 800;
    private static final int PARTITIONS = 4;

    private Path dir;
    private TestEnv env;
    private String topic;
    private Map<String, ProducerRecord<byte[], byte[]>> sent;
    private Path settings;

    @BeforeAll
    void archive(TestEnv env, @TempDir Path dir) throws Exception {
        this.dir = dir;
        this.env = env;
        this.topic = env.topic("orders");
        this.sent = archived(env, topic, "mak2", RECORDS);
        this.settings = settingsFile(env, topic, "archiver");
    }

    @Test
    void restoresEveryFieldOfEveryRecordIntoANewTopicAndMapsEachOffset() throws Exception {
        String target = env.topic("restored");
        Path map = dir.resolve("restored.csv");
        CliRun run = restore("--topic", topic, "--target-topic", target, "--offset-map", map.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("created topic " + target + " with 4 partitions");
        assertThat(run.out()).startsWith("restored 800 records").contains("offset map: " + map);
        assertRestoredWhole(target, map);
    }

    @Test
    void timeAndOffsetWindowsRestoreExactlyTheirRecords() throws Exception {
        long first = sent.values().stream().mapToLong(ProducerRecord::timestamp).min().orElseThrow();
        long from = first + 200;
        long to = first + 500;
        String byTime = env.topic("by-time");
        CliRun timed = restore("--topic", topic, "--target-topic", byTime, "--from", Long.toString(from), "--to", Long.toString(to),
                "--offset-map", dir.resolve("by-time.csv").toString());
        assertThat(timed.exitCode()).as(timed.stderr()).isZero();
        assertHoldsExactly(RestoredTopic.read(env, byTime), r -> r.timestamp() >= from && r.timestamp() < to);

        String byOffset = env.topic("by-offset");
        CliRun ranged = restore("--topic", topic, "--target-topic", byOffset, "--partition", "1", "--partition", "2",
                "--from-offset", "30", "--to-offset", "120", "--offset-map", dir.resolve("by-offset.csv").toString());
        assertThat(ranged.exitCode()).as(ranged.stderr()).isZero();
        assertHoldsExactly(RestoredTopic.read(env, byOffset), r -> (r.partition() == 1 || r.partition() == 2)
                && offsetOf(r) >= 30 && offsetOf(r) <= 120);
    }

    @Test
    void refusesToFeedItsOwnArchiveUnlessForcedAndADryRunWritesNothing() throws Exception {
        CliRun refused = restore("--topic", topic);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr().strip()).startsWith("restore: refusing to restore into topic " + topic)
                .contains(env.store().describe(), "--force").doesNotContain("Exception");

        Path patterned = dir.resolve("patterned");
        ArchiverProcess.writeSettings(patterned, ArchiverIT.settings(env, patterned, "archive.topics", "", "archive.topic-pattern", ".*-mirror"));
        CliRun archivedByPattern = CliRun.of("restore", "--settings", patterned.resolve("application.properties").toString(),
                "--topic", topic, "--target-topic", env.topic("mirror"), "--dry-run");
        assertThat(archivedByPattern.exitCode()).isEqualTo(2);
        assertThat(archivedByPattern.stderr()).contains("refusing to restore into topic " + env.topic("mirror"), "archive.topic-pattern");

        String target = env.topic("dry");
        Path map = dir.resolve("dry.csv");
        CliRun dry = restore("--topic", topic, "--target-topic", target, "--dry-run", "--offset-map", map.toString());
        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(dry.out()).contains("would be created with 4 partitions", "partition 3 -> " + target + " partition 3: 2 objects, up to 200 records",
                "up to 800 records in 8 objects", "nothing was written");
        assertThat(RestoredTopic.exists(env, target)).isFalse();
        assertThat(RestoredTopic.Totals.of(env, target).checkpoints()).isZero();
        assertThat(map).doesNotExist();

        CliRun forced = restore("--topic", topic, "--force", "--dry-run", "--offset-map", map.toString());
        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        assertThat(forced.out()).contains("into topic " + topic + " (4 partitions)");

        CliRun unknown = restore("--topic", env.topic("nope"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().strip()).isEqualTo("restore: " + env.store().describe() + " holds no archive of topic " + env.topic("nope")
                + " (it holds " + topic + ")");
    }

    @Test
    void killedHalfwayAndStartedAgainWritesEveryRecordExactlyOnce() throws Exception {
        String target = env.topic("resumed");
        Path map = dir.resolve("resumed.csv");
        List<String> args = List.of("restore", "--settings", settings.toString(), "--topic", topic, "--target-topic", target,
                "--offset-map", map.toString());
        List<String> slowly = new ArrayList<>(args);
        slowly.addAll(List.of("--max-rate", "100"));
        try (ChildJvm first = ArchiverProcess.start(env, dir, "restore-killed", slowly)) {
            // Killed while records written after the last checkpoint are in the target: the case to get right.
            Deadline.await("records of " + target + " past a checkpoint", Duration.ofSeconds(90), () -> {
                first.checkAlive();
                RestoredTopic.Totals t = RestoredTopic.Totals.of(env, target);
                return t.checkpoints() > 0 && t.ends() > t.checkpoints();
            });
            first.kill();
        }
        RestoredTopic.Totals killed = RestoredTopic.Totals.of(env, target);
        assertThat(killed.ends()).as("written before the kill").isBetween(1L, RECORDS - 1L);

        CliRun second = CliRun.of(args.toArray(String[]::new));
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.stderr()).contains("resuming the restore into " + target);
        if (killed.ends() > killed.checkpoints()) {
            assertThat(second.stderr()).contains("records written by the interrupted run after its last checkpoint were found in " + target);
        }
        assertRestoredWhole(target, map);

        CliRun again = CliRun.of(args.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.out()).startsWith("nothing to restore");
        assertThat(RestoredTopic.Totals.of(env, target).ends()).isEqualTo(RECORDS);
        assertThat(Files.readAllLines(map)).hasSize(RECORDS + 1);
    }

    @Test
    void theRestoreRouteRestoresInsideCamelMain() throws Exception {
        String target = env.topic("by-route");
        Path map = dir.resolve("by-route.csv");
        Properties p = ArchiverIT.settings(env, dir, "archive.topics", topic);
        p.setProperty("restore.topic", topic);
        p.setProperty("restore.target-topic", target);
        p.setProperty("restore.offset-map", map.toString());
        Main main = new Main();
        main.setOverrideProperties(p);
        main.configure().withRoutesIncludePattern("classpath:routes/restore/restore.camel.yaml");
        main.start();
        try {
            Deadline.await("the route to restore " + RECORDS + " records and checkpoint them", Duration.ofSeconds(60),
                    () -> RestoredTopic.Totals.of(env, target).checkpoints() == RECORDS);
            assertThat(main.getCamelContext().getRoute("archive-restore")).isNotNull();
        } finally {
            main.stop();
        }
        assertRestoredWhole(target, map);
    }

    @Test
    void fromAMak1ArchiveSaysOnceWhatV1LacksAndRestoresKeysAndValues(TestEnv v1env) throws Exception {
        String v1topic = v1env.topic("legacy");
        Map<String, ProducerRecord<byte[], byte[]>> v1sent = archived(v1env, v1topic, "mak1", 200);
        String target = v1env.topic("legacy-restored");
        long restoredAfter = System.currentTimeMillis();
        CliRun run = CliRun.of("restore", "--settings", settingsFile(v1env, v1topic, "v1").toString(), "--topic", v1topic,
                "--target-topic", target, "--offset-map", dir.resolve("legacy.csv").toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr().split("MAK v1", -1)).as(run.stderr()).hasSize(2);
        assertThat(run.stderr()).contains("no timestamps", "no headers", "empty keys and values where Kafka had null");
        RestoredTopic restored = RestoredTopic.read(v1env, target);
        assertThat(restored.recordCount()).isEqualTo(200);
        restored.partitions().forEach((partition, records) -> {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                ProducerRecord<byte[], byte[]> original = v1sent.get(partition + "@" + r.offset());
                assertThat(r.key()).isEqualTo(original.key() == null ? new byte[0] : original.key());
                assertThat(r.value()).isEqualTo(original.value());
                assertThat(r.headers().toArray()).isEmpty();
                assertThat(r.timestamp()).isGreaterThanOrEqualTo(restoredAfter);
            }
        });
    }

    /** Produces {@code count} records to a new topic and archives them in {@code format}, several objects per partition. */
    private Map<String, ProducerRecord<byte[], byte[]>> archived(TestEnv env, String topic, String format, int count) throws Exception {
        env.kafka().createTopic(topic, PARTITIONS);
        Map<String, ProducerRecord<byte[], byte[]>> produced = ArchiverIT.produce(env, topic, 0, count);
        Path work = Files.createTempDirectory(dir, "archiver");
        ArchiverRuntime archiver = ArchiverRuntime.create(ArchiverIT.settings(env, work, "archive.topics", topic, "archive.format", format),
                ArchiveConfiguration.ROUTES);
        archiver.start();
        try {
            ArchiveCatalog catalog = env.catalog();
            Deadline.await(count + " records of " + topic + " in the manifest", Duration.ofSeconds(90),
                    () -> catalog.list(Optional.of(topic), true).recordCount() >= count);
        } finally {
            archiver.stop();
        }
        return produced;
    }

    /** The archiver's settings, as a file for --settings: the restore reads the archive they write. */
    private Path settingsFile(TestEnv env, String topic, String name) throws Exception {
        Path home = dir.resolve(name);
        ArchiverProcess.writeSettings(home, ArchiverIT.settings(env, home, "archive.topics", topic));
        return home.resolve("application.properties");
    }

    private CliRun restore(String... args) {
        List<String> all = new ArrayList<>(List.of("restore", "--settings", settings.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The target holds every produced record, each once, and the offset map leads to each. */
    private void assertRestoredWhole(String target, Path map) throws Exception {
        RestoredTopic restored = RestoredTopic.read(env, target);
        assertHoldsExactly(restored, r -> true);
        assertMapsEveryRecord(map, restored);
    }

    /**
     * The target holds exactly the produced records {@code chosen} selects, each in the partition it
     * came from, in offset order, with its key, value (null or empty as produced), headers and timestamp.
     */
    private void assertHoldsExactly(RestoredTopic restored, Predicate<ProducerRecord<byte[], byte[]>> chosen) {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int p = partition;
            List<ProducerRecord<byte[], byte[]>> expected = sent.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(p + "@") && chosen.test(e.getValue()))
                    .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1))))
                    .map(Map.Entry::getValue).toList();
            List<ConsumerRecord<byte[], byte[]>> actual = restored.partitions().get(p);
            assertThat(actual).as("partition " + p).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameRecord(actual.get(i), expected.get(i));
            }
        }
    }

    private static void assertSameRecord(ConsumerRecord<byte[], byte[]> actual, ProducerRecord<byte[], byte[]> expected) {
        String at = actual.topic() + "/" + actual.partition() + "@" + actual.offset();
        assertThat(actual.partition()).as(at).isEqualTo(expected.partition());
        assertThat(actual.key()).as(at + " key").isEqualTo(expected.key());
        assertThat(actual.value()).as(at + " value").isEqualTo(expected.value());
        assertThat(actual.timestamp()).as(at + " timestamp").isEqualTo(expected.timestamp());
        assertThat(actual.headers().toArray()).as(at + " headers").extracting(Header::key).containsExactly("trace", "trace", "nil");
        assertThat(actual.headers().toArray()).extracting(Header::value)
                .containsExactly(expected.headers().toArray()[0].value(), expected.headers().toArray()[1].value(), null);
    }

    /** One line per restored record, and each line leads from the produced record to its copy. */
    private void assertMapsEveryRecord(Path map, RestoredTopic restored) throws Exception {
        List<String> lines = Files.readAllLines(map);
        assertThat(lines.get(0)).isEqualTo(OffsetMap.HEADER);
        assertThat(lines).hasSize((int) restored.recordCount() + 1).doesNotHaveDuplicates();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            ConsumerRecord<byte[], byte[]> copy = restored.partitions().get(Integer.parseInt(f[2])).stream()
                    .filter(r -> r.offset() == Long.parseLong(f[3])).findFirst().orElseThrow();
            assertSameRecord(copy, sent.get(f[0] + "@" + f[1]));
        }
    }

    /** The offset a produced record got in the source topic. */
    private long offsetOf(ProducerRecord<byte[], byte[]> r) {
        return sent.entrySet().stream().filter(e -> e.getValue() == r).map(e -> Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1)))
                .findFirst().orElseThrow();
    }
}
