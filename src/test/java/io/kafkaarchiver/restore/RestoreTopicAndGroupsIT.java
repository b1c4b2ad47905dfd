package io.kafkaarchiver.restore;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import io.kafkaarchiver.topics.SnapshotKind;
import io.kafkaarchiver.topics.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topic comes back as it was, and so do the applications that read it: restore creates the target
 * with the archived topic's configuration (with overrides), and moves consumer groups to the records
 * they were at, on a real broker and S3 server, from an archive the real archiver wrote.
 */
@ExtendWith(ArchiveTestEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreTopicAndGroupsIT {

    private static final int RECORDS = 400;
    private static final Map<String, String> CONFIGS = Map.of("retention.ms", "86400000", "cleanup.policy", "delete", "max.message.bytes", "2000000");
    /** Where billing had read up to, per partition: in the window, in it, before it, and at the end. */
    private static final Map<Integer, Long> BILLING = Map.of(0, 30L, 1, 55L, 2, 10L, 3, 100L);

    private Path dir;
    private TestEnv env;
    private String topic;
    private String billing;
    private String audit;
    private Map<String, ProducerRecord<byte[], byte[]>> sent;
    private Path settings;

    @BeforeAll
    void archive(TestEnv env, @TempDir Path dir) throws Exception {
        this.dir = dir;
        this.env = env;
        this.topic = env.topic("orders");
        this.billing = env.topic("billing");
        this.audit = env.topic("audit");
        try (Admin admin = env.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, ArchiverIT.PARTITIONS, (short) 1).configs(CONFIGS))).all().get(30, TimeUnit.SECONDS);
        }
        sent = ArchiverIT.produce(env, topic, 0, RECORDS);
        env.commit(billing, topic, BILLING);
        env.commit(audit, topic, Map.of(0, 5L));

        Properties p = ArchiverIT.settings(env, dir, "archive.topics", topic, "archive.rotate.max-records", "20",
                "archive.groups.interval", "200ms", "archive.topic-metadata.interval", "200ms");
        ArchiverRuntime archiver = ArchiverRuntime.create(p, ArchiveConfiguration.ROUTES);
        archiver.start();
        try {
            ArchiveCatalog catalog = env.catalog();
            SnapshotStore snapshots = new SnapshotStore(env.store(), env.manifest());
            Deadline.await(RECORDS + " records, the topic and its groups in the archive", Duration.ofSeconds(90),
                    () -> catalog.list(Optional.of(topic), true).recordCount() >= RECORDS
                            && snapshots.latest(SnapshotKind.GROUPS, topic).map(s -> s.content().groups().keySet().containsAll(List.of(billing, audit))).orElse(false));
        } finally {
            archiver.stop();
        }
        ArchiverProcess.writeSettings(dir, p);
        settings = dir.resolve("application.properties");
    }

    @Test
    void aWindowRestoredWithItsGroupLeavesTheGroupAtTheSameRecords() throws Exception {
        String target = env.topic("window");
        List<String> args = List.of("--topic", topic, "--target-topic", target, "--from-offset", "20", "--to-offset", "80",
                "--groups", billing, "--offset-map", dir.resolve("window.csv").toString());

        CliRun dry = restore(args, "--dry-run");
        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(dry.out()).contains("(does not exist: would be created with 4 partitions, replication factor 1, configuration "
                        + "cleanup.policy=delete, max.message.bytes=2000000, retention.ms=86400000: as topic " + topic + " was at ",
                "would move consumer group " + billing + " to " + target,
                billing + " partition 0: source offset 30 -> the target offset of the first restored record from there on (known once the records are written)",
                billing + " partition 3: source offset 100 -> the end of " + target + " partition 3 (no record from there on is restored)");

        CliRun run = restore(args);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("created topic " + target + " with 4 partitions, replication factor 1");
        assertThat(run.out()).contains("moved consumer group " + billing + " to " + target);
        assertThat(configs(target)).isEqualTo(CONFIGS);

        Map<Integer, Long> moved = assertBillingAtTheSameRecordsOfOffsets20To80(target);
        assertThat(committed(audit, target)).as("a group not asked for").isEmpty();

        CliRun after = restore(args, "--dry-run");
        assertThat(after.out()).contains(billing + " partition 0: source offset 30 -> offset " + moved.get(0) + " of " + target);
    }

    @Test
    void theRestoreRouteTakesTheSameOptionsAsSettings() throws Exception {
        String target = env.topic("by-route");
        Properties p = ArchiverIT.settings(env, dir, "archive.topics", topic);
        p.setProperty("restore.topic", topic);
        p.setProperty("restore.target-topic", target);
        p.setProperty("restore.offset-map", dir.resolve("by-route.csv").toString());
        p.setProperty("restore.from-offset", "20");
        p.setProperty("restore.to-offset", "80");
        p.setProperty("restore.groups", billing);
        p.setProperty("restore.config.retention.ms", "7200000");
        Main main = new Main();
        main.setOverrideProperties(p);
        main.configure().withRoutesIncludePattern("classpath:routes/restore/restore.camel.yaml");
        main.start();
        try {
            Deadline.await("the route to move " + billing + " to " + target, Duration.ofSeconds(60),
                    () -> committed(billing, target).size() == ArchiverIT.PARTITIONS);
        } finally {
            main.stop();
        }
        assertBillingAtTheSameRecordsOfOffsets20To80(target);
        Map<String, String> configs = new HashMap<>(CONFIGS);
        configs.put("retention.ms", "7200000");
        assertThat(configs(target)).isEqualTo(configs);
    }

    /**
     * billing, moved to a restore of offsets 20..80, reads next: in the window, the same record; before
     * it, the window's first record; past it, nothing (the end).
     */
    private Map<Integer, Long> assertBillingAtTheSameRecordsOfOffsets20To80(String target) throws Exception {
        Map<Integer, Long> moved = committed(billing, target);
        RestoredTopic restored = RestoredTopic.read(env, target);
        assertThat(valueAt(restored, 0, moved.get(0))).isEqualTo(sent.get("0@30").value());
        assertThat(valueAt(restored, 1, moved.get(1))).isEqualTo(sent.get("1@55").value());
        assertThat(valueAt(restored, 2, moved.get(2))).isEqualTo(sent.get("2@20").value());
        assertThat(moved.get(3)).isEqualTo(restored.partitions().get(3).size()).isEqualTo(61);
        return moved;
    }

    @Test
    void theTopicsConfigurationIsRestoredOntoANewTopicWithOverridesSaid() throws Exception {
        String target = env.topic("configured");
        CliRun run = restore(List.of("--topic", topic, "--target-topic", target, "--partition", "0", "--replication-factor", "1",
                "--config", "retention.ms=3600000", "--config", "max.message.bytes=", "--offset-map", dir.resolve("configured.csv").toString()));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(configs(target)).isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "3600000"));
        assertThat(run.stderr()).contains("created topic " + target + " with 4 partitions, replication factor 1, configuration "
                + "cleanup.policy=delete, retention.ms=3600000: as topic " + topic + " was at ",
                "; overridden: max.message.bytes unset (was 2000000), retention.ms 86400000 -> 3600000");
    }

    @Test
    void aGroupWithMembersOrOneTheArchiveDidNotRecordIsRefusedBeforeAnythingIsWritten() throws Exception {
        String busy = env.topic("busy");
        env.kafka().createTopic(busy, ArchiverIT.PARTITIONS);
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(env.consumerConfig(billing))) {
            member.subscribe(List.of(busy));
            Deadline.await(billing + " to read " + busy, Duration.ofSeconds(30), () -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            CliRun refused = restore(List.of("--topic", topic, "--target-topic", busy, "--groups", billing));
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.stderr().strip()).isEqualTo("restore: refusing to move consumer group " + billing + " (1 member, state Stable, "
                    + "reading " + busy + ") to topic " + busy + ": Kafka moves a group's offsets only while it has no members; stop its "
                    + "consumers, then run the restore again (it writes no record twice)");
        }
        assertThat(RestoredTopic.Totals.of(env, busy).ends()).isZero();

        CliRun unknown = restore(List.of("--topic", topic, "--target-topic", busy, "--groups", env.topic("nobody"), "--dry-run"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("has no committed offsets of " + env.topic("nobody") + " (it has " + audit + ", " + billing + ")");
    }

    private CliRun restore(List<String> args, String... more) {
        List<String> all = new ArrayList<>(List.of("restore", "--settings", settings.toString()));
        all.addAll(args);
        all.addAll(List.of(more));
        return CliRun.of(all.toArray(String[]::new));
    }

    private Map<Integer, Long> committed(String group, String topic) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /** The configuration entries set on the topic itself. */
    private Map<String, String> configs(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = env.kafka().admin()) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).entries().stream()
                    .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        }
    }

    private static byte[] valueAt(RestoredTopic restored, int partition, long offset) {
        return restored.partitions().get(partition).stream().filter(r -> r.offset() == offset).map(ConsumerRecord::value)
                .findFirst().orElseThrow(() -> new AssertionError("no record at offset " + offset + " of partition " + partition));
    }
}
