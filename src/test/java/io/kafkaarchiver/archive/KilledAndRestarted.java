package io.kafkaarchiver.archive;

import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.restore.RestoredTopic;
import io.kafkaarchiver.testkit.StoreUnderTest;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The packaged archiver on one store, as a user runs it: killed with -9 mid-run and started again, every offset lands
 * in the store once; then {@code check} finds the store, {@code ls}, {@code verify} and {@code restore} read it back and
 * {@code convert} makes Parquet objects of it. Each store's end-to-end test runs it.
 */
public final class KilledAndRestarted {

    private static final int FIRST = 1_050;
    private static final int RECORDS = 1_550;

    private KilledAndRestarted() {
    }

    /** Archives {@code topic} (created here) into {@code archive}, with {@code home} the archiver's working directory and settings. */
    public static void run(TestEnv env, Path home, String topic, StoreUnderTest archive) throws Exception {
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        produce(env, topic, 0, FIRST);
        ArchiverProcess.writeSettings(home, settings(env, home, topic, archive, "1h"));

        ChildJvm first = ArchiverProcess.start(env, home, "first", List.of("run"));
        Deadline.await("the first object in " + archive.name(), Duration.ofSeconds(60), () -> {
            first.checkAlive();
            return !ArchiveContents.read(archive.store()).entries().isEmpty();
        });
        first.kill();

        produce(env, topic, FIRST, RECORDS - FIRST);
        ArchiverProcess.writeSettings(home, settings(env, home, topic, archive, "2s"));
        try (ChildJvm second = ArchiverProcess.start(env, home, "second", List.of("run"))) {
            Deadline.await(RECORDS + " offsets of " + topic + " in " + archive.name(), Duration.ofSeconds(90),
                    () -> ArchiveContents.read(archive.store()).offsetCounts(topic).size() >= RECORDS);
            awaitCommitted(env, topic, RECORDS);
        }
        assertThat(ArchiveContents.read(archive.store()).offsetCounts(topic)).hasSize(RECORDS)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));

        String settings = home.resolve("application.properties").toString();
        CliRun check = CliRun.of("check", "--settings", settings);
        assertThat(check.exitCode()).as(check.out() + check.stderr()).isZero();
        assertThat(check.out().lines()).anySatisfy(line -> assertThat(line).startsWith("store     OK     " + archive.name()));

        CliRun ls = CliRun.of("ls", "--settings", settings, "--topic", topic);
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(ls.out()).startsWith(archive.name() + ", from the manifest: ");

        CliRun verify = CliRun.of("verify", "--settings", settings, "--topic", topic);
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
        assertThat(verify.out()).startsWith("verify: " + archive.name() + " (from the manifest), compared with Kafka at ");

        int objects = ArchiveContents.read(archive.store()).objects(topic).size();
        CliRun convert = CliRun.of("convert", "--settings", settings, "--topic", topic, "--prefix", "parquet/");
        assertThat(convert.exitCode()).as(convert.out() + convert.stderr()).isZero();
        assertThat(convert.out()).startsWith("convert: " + objects + " objects converted (" + RECORDS + " records");
        assertThat(archive.store().listAll("parquet/" + topic + "/")).hasSize(objects)
                .allSatisfy(o -> assertThat(o.key()).endsWith(".parquet"));

        String target = env.topic("restored");
        CliRun restore = CliRun.of("restore", "--settings", settings, "--topic", topic, "--target-topic", target,
                "--offset-map", home.resolve("offsets.csv").toString());
        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        assertThat(restore.out()).startsWith("restored 1,550 records");
        assertThat(RestoredTopic.read(env, target).partitions().values().stream().mapToInt(List::size).sum()).isEqualTo(RECORDS);
    }

    private static Properties settings(TestEnv env, Path home, String topic, StoreUnderTest archive, String maxAge) throws Exception {
        Properties p = ArchiverIT.settings(env, home, "archive.topics", topic, "archive.rotate.max-age", maxAge);
        archive.settings().forEach(p::setProperty);
        return p;
    }
}
