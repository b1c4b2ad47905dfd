package io.kafkaarchiver.archive;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitArchived;
import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
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
        ArchiverRuntime archiver = ArchiverRuntime.create(p, ArchiveConfiguration.ROUTES);
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
    void twoInstancesInOneGroupArchiveEveryOffsetOnceAcrossRebalances(TestEnv env) throws Exception {
        String topic = env.topic("group");
        env.kafka().createTopic(topic, 4);
        // 2050 records in files of 100: a keeps a part-filled file in progress for every partition.
        produce(env, topic, 0, 2050);
        ChildJvm a = startInstance(env, topic, "a", "1h");
        ChildJvm b = null;
        try {
            awaitCommitted(env, topic, 2000);
            // b joins: a gives up two of its four partitions (cooperative rebalancing), handing their part-filled
            // files off to S3 first; the two it keeps go on with their files in progress.
            b = startInstance(env, topic, "b", "2s");
            awaitHandedOff(env, topic, 2);
            produce(env, topic, 2050, 1000);
            a.close(); // a stops mid-run: it hands its files off, and b takes its partitions over
            awaitArchived(env, topic, 3050);
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
        // Had a partition moved without its files, the new owner would have archived them again.
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(3050)
                .allSatisfy((offset, n) -> assertThat(n).as("objects holding " + offset).isEqualTo(1));
    }

    /** Waits until exactly {@code moved} partitions are committed to their end: those whose part-filled files were handed off. */
    private static void awaitHandedOff(TestEnv env, String topic, int moved) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = ArchiverIT.partitions(topic).stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Deadline.await(moved + " partitions handed off, the others kept with their files in progress", Duration.ofSeconds(90), () -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(env.topic("archiver"))
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return ends.entrySet().stream().filter(e -> committed.containsKey(e.getKey())
                        && committed.get(e.getKey()).offset() == e.getValue()).count() == moved;
            });
        }
    }

    /** One archiver process with a working directory of its own (no shared disk). */
    private ChildJvm startInstance(TestEnv env, String topic, String name, String maxAge) throws Exception {
        Path home = dir.resolve(name);
        ArchiverProcess.writeSettings(home, settings(env, home, "archive.topics", topic, "archive.rotate.max-age", maxAge));
        return ArchiverProcess.start(env, home, name);
    }
}
