package io.kafkaarchiver.archive;

import io.kafkaarchiver.ArchiverRuntime;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitArchived;
import static io.kafkaarchiver.archive.ArchiverIT.produce;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** Topics found while running, and several instances sharing one consumer group without shared disk. */
@ExtendWith(ArchiveTestEnvironment.class)
class ArchiverGroupIT {

    @TempDir
    Path dir;

    @Test
    void aTopicCreatedWhileRunningIsPickedUpByThePattern(TestEnv env) throws Exception {
        String first = env.topic("pat-a");
        env.kafka().createTopic(first, 4);
        produce(env, first, 0, 200);
        Properties p = settings(env, dir, "archive.topic-pattern", env.prefix() + "-pat-.*");
        ArchiverRuntime archiver = ArchiverRuntime.create(p, "classpath:routes/*.camel.yaml");
        archiver.start();
        try {
            awaitArchived(env, first, 200);
            String later = env.topic("pat-b");
            env.kafka().createTopic(later, 4);
            produce(env, later, 0, 300);
            awaitArchived(env, later, 300);
        } finally {
            archiver.stop();
        }
    }

    @Test
    void twoInstancesInOneGroupArchiveEveryOffsetWhenOneStops(TestEnv env) throws Exception {
        String topic = env.topic("group");
        env.kafka().createTopic(topic, 4);
        produce(env, topic, 0, 2000);
        ChildJvm a = startInstance(env, topic, "a");
        ChildJvm b = startInstance(env, topic, "b");
        try {
            Deadline.await("objects in S3 from both instances' partitions", Duration.ofSeconds(90), () -> {
                a.checkAlive();
                b.checkAlive();
                return ArchiveContents.read(env).offsetCounts(topic).size() >= 500;
            });
            a.close(); // stopped mid-run; its partitions move to b
            produce(env, topic, 2000, 1000);
            awaitArchived(env, topic, 3000);
        } finally {
            a.close();
            b.close();
        }
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(3000);
    }

    /** One archiver process with a working directory of its own (no shared disk). */
    private ChildJvm startInstance(TestEnv env, String topic, String name) throws Exception {
        Path home = dir.resolve(name);
        ArchiverProcess.writeSettings(home, settings(env, home, "archive.topics", topic, "archive.rotate.max-age", "2s"));
        return ArchiverProcess.start(env, home, name);
    }
}
