package io.kafkaarchiver.store.file;

import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.restore.RestoredTopic;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver on the filesystem store ({@code archive.store = file}), as a user runs it: killed with -9 mid-run and
 * started again, every offset lands once in a plain file under {@code file.root}; then {@code ls}, {@code verify}
 * and {@code restore} read it back.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class FileStoreArchiverIT {

    private static final int FIRST = 1_050;
    private static final int RECORDS = 1_550;

    @TempDir
    Path home;

    @Test
    void killedAndRestartedItArchivesEveryOffsetOnceAndTheCommandsReadItBack(TestEnv env) throws Exception {
        String topic = env.topic("on-disk");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        produce(env, topic, 0, FIRST);
        Path root = Files.createDirectories(home.resolve("archive"));
        FileStore store = FileStore.open(root);
        ArchiverProcess.writeSettings(home, settings(env, topic, root, "1h"));

        ChildJvm first = ArchiverProcess.start(env, home, "file-first", List.of("run"));
        Deadline.await("the first object under " + root, Duration.ofSeconds(60), () -> {
            first.checkAlive();
            return !ArchiveContents.read(store).entries().isEmpty();
        });
        first.kill();

        produce(env, topic, FIRST, RECORDS - FIRST);
        ArchiverProcess.writeSettings(home, settings(env, topic, root, "2s"));
        try (ChildJvm second = ArchiverProcess.start(env, home, "file-second", List.of("run"))) {
            Deadline.await(RECORDS + " offsets of " + topic + " under " + root, Duration.ofSeconds(90),
                    () -> ArchiveContents.read(store).offsetCounts(topic).size() >= RECORDS);
            awaitCommitted(env, topic, RECORDS);
        }
        assertThat(ArchiveContents.read(store).offsetCounts(topic)).hasSize(RECORDS)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));
        try (Stream<Path> files = Files.walk(root.resolve(topic))) {
            assertThat(files.filter(Files::isRegularFile)).as("the objects, as plain files at their keys").isNotEmpty()
                    .allMatch(f -> f.getFileName().toString().endsWith(".mak.gz"));
        }

        String settings = home.resolve("application.properties").toString();
        CliRun ls = CliRun.of("ls", "--settings", settings, "--topic", topic);
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(ls.out()).startsWith("directory " + root.toAbsolutePath() + ", from the manifest: ");

        CliRun verify = CliRun.of("verify", "--settings", settings, "--topic", topic);
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
        assertThat(verify.out()).startsWith("verify: directory " + root.toAbsolutePath() + " (from the manifest), compared with Kafka at ");

        String target = env.topic("restored");
        CliRun restore = CliRun.of("restore", "--settings", settings, "--topic", topic, "--target-topic", target,
                "--offset-map", home.resolve("offsets.csv").toString());
        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        assertThat(restore.out()).startsWith("restored 1,550 records");
        assertThat(RestoredTopic.read(env, target).partitions().values().stream().mapToInt(List::size).sum()).isEqualTo(RECORDS);
    }

    private Properties settings(TestEnv env, String topic, Path root, String maxAge) throws Exception {
        return ArchiverIT.settings(env, home, "archive.topics", topic, "archive.store", "file", "file.root", root.toString(),
                "archive.rotate.max-age", maxAge);
    }
}
