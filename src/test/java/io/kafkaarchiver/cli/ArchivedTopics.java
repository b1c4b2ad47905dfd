package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiveContents.HeldRecords;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** An archive made by the real archiver, for the commands that read it back; the CLI finds it through a settings file. */
public final class ArchivedTopics {

    /** Several objects per partition, from a few hundred records. */
    static final String MAX_RECORDS_PER_OBJECT = "20";

    /** Waits until the archive holds what the test needs. */
    @FunctionalInterface
    public interface Archived {
        void await() throws Exception;
    }

    private ArchivedTopics() {
    }

    /** The objects of {@code topic}, each read to the end, in partition and offset order. */
    static List<HeldRecords> objects(TestEnv env, String topic) throws Exception {
        return ArchiveContents.read(env).objects(topic);
    }

    /** The objects of one partition of {@code topic}, in offset order. */
    static List<HeldRecords> objects(TestEnv env, String topic, int partition) throws Exception {
        return objects(env, topic).stream().filter(o -> o.partition() == partition).toList();
    }

    /**
     * Creates each topic with {@link ArchiverIT#PARTITIONS} partitions, produces {@code records} to it,
     * archives them all in one run of the archiver.
     *
     * @return the settings file to pass to the CLI as {@code --settings}
     */
    static Path archive(TestEnv env, Path dir, int records, String... topics) throws Exception {
        for (String topic : topics) {
            env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
            ArchiverIT.produce(env, topic, 0, records);
        }
        return archive(env, dir, String.join(",", topics), () -> {
            for (String topic : topics) {
                ArchiverIT.awaitArchived(env, topic, records);
            }
        });
    }

    /** Runs the archiver on existing {@code topics} (a comma list) until {@code archived}, then stops it. */
    public static Path archive(TestEnv env, Path dir, String topics, Archived archived) throws Exception {
        Properties settings = ArchiverIT.settings(env, dir, "archive.topics", topics, "archive.rotate.max-records", MAX_RECORDS_PER_OBJECT);
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiveConfiguration.ROUTES);
        archiver.start();
        try {
            archived.await();
        } finally {
            archiver.stop();
        }
        ArchiverProcess.writeSettings(dir, settings);
        return dir.resolve("application.properties");
    }
}
