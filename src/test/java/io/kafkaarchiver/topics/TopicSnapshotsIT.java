package io.kafkaarchiver.topics;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import io.kafkaarchiver.topics.CommittedOffsets.Committed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While archiving, the archiver records each archived topic's metadata (a version per change) and its
 * consumer groups' committed offsets, from the YAML routes and from their XML twin; ls --topics shows them.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class TopicSnapshotsIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {ArchiveConfiguration.ROUTES, "classpath:routes/xml/*.camel.xml"})
    void recordsEachVersionOfTheTopicAndWhereItsGroupsAre(String routes, TestEnv env) throws Exception {
        String topic = env.topic("orders");
        String billing = env.topic("billing");
        String topicId;
        try (Admin admin = env.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, ArchiverIT.PARTITIONS, (short) 1)
                    .configs(Map.of("retention.ms", "86400000", "cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
            topicId = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).topicId().toString();
        }
        ArchiverIT.produce(env, topic, 0, 40);
        env.commit(billing, topic, Map.of(0, 3L, 1, 5L));
        SnapshotStore store = new SnapshotStore(env.store(), env.manifest());

        Properties settings = ArchiverIT.settings(env, dir, "archive.topics", topic, "archive.groups.interval", "200ms",
                "archive.topic-metadata.interval", "200ms");
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, routes);
        archiver.start();
        try {
            ArchiverIT.awaitArchived(env, topic, 40);
            Deadline.await("the topic and its group recorded", Duration.ofSeconds(30), () -> store.latest(SnapshotKind.METADATA, topic).isPresent()
                    && offsets(store, topic).containsKey(billing));
            try (Admin admin = env.kafka().admin()) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry("retention.ms", "172800000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
            env.commit(billing, topic, Map.of(0, 7L));
            Deadline.await("the change and the group's new offset recorded", Duration.ofSeconds(30), () ->
                    store.versions(SnapshotKind.METADATA, topic).size() == 2 && offsets(store, topic).get(billing).get(0).offset() == 7);
        } finally {
            archiver.stop();
        }

        List<Snapshot<TopicMetadata>> versions = store.versions(SnapshotKind.METADATA, topic).stream()
                .map(k -> store.read(SnapshotKind.METADATA, k)).toList();
        assertThat(versions).extracting(Snapshot::topicId).containsOnly(topicId);
        assertThat(versions).extracting(Snapshot::content).containsExactly(
                TopicMetadata.of(4, 1, Map.of("retention.ms", "86400000", "cleanup.policy", "delete")),
                TopicMetadata.of(4, 1, Map.of("retention.ms", "172800000", "cleanup.policy", "delete")));
        // Only the application's group: the archiver's own offsets say what is archived, not where anyone reads.
        assertThat(offsets(store, topic)).containsOnlyKeys(billing);
        assertThat(offsets(store, topic).get(billing)).isEqualTo(Map.of(0, new Committed(7, ""), 1, new Committed(5, "")));

        ArchiverProcess.writeSettings(dir, settings);
        CliRun ls = CliRun.of("ls", "--settings", dir.resolve("application.properties").toString(), "--topics", "--topic", topic);
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        assertThat(ls.out()).contains(topic + ": 4 partitions, replication factor 1, configuration cleanup.policy=delete, retention.ms=172800000",
                "  topic id " + topicId + ", read " + versions.get(1).readAt() + "; 2 versions:",
                "    " + versions.get(0).readAt() + "  4 partitions, replication factor 1, configuration cleanup.policy=delete, retention.ms=86400000",
                "    " + versions.get(1).readAt() + "  retention.ms 86400000 -> 172800000");
        assertThat(ls.out().lines().map(String::trim)).contains(billing + "  0:7 1:5");
    }

    private static Map<String, ? extends Map<Integer, Committed>> offsets(SnapshotStore store, String topic) {
        Optional<Snapshot<CommittedOffsets>> latest = store.latest(SnapshotKind.GROUPS, topic);
        return latest.map(s -> s.content().groups()).orElse(Collections.emptySortedMap());
    }
}
