package io.kafkaarchiver.archive;

import io.kafkaarchiver.config.ArchiveConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.restore.RestoredTopic;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topic deleted and created again under the same name while the archiver runs (the broker creates no
 * topic by itself): both lives are archived whole, apart, under keys of their own; verify checks the
 * current one against Kafka and the earlier one as closed; restore brings back either.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class TopicLivesIT {

    private static final int PARTITIONS = 2;

    @Test
    void bothLivesOfATopicCreatedAgainAreArchivedWholeApartAndRestorable(TestEnv env, @TempDir Path dir) throws Exception {
        String topic = env.topic("rc");
        env.kafka().createTopic(topic, PARTITIONS);
        String firstId = topicId(env, topic);
        Map<Integer, List<String>> firstLife = produce(env, topic, "first", 2000);

        Properties settings = ArchiverIT.settings(env, dir, "archive.topics", topic, "archive.rotate.max-records", "400");
        ArchiverRuntime archiver = started(settings);
        String secondId;
        Map<Integer, List<String>> secondLife;
        try {
            awaitLife(env, topic, firstId, 2000);
            recreate(env, topic);
            secondId = topicId(env, topic);
            secondLife = produce(env, topic, "second", 1000);
            awaitLife(env, topic, secondId, 1000);
            assertThat(ScrapedMetrics.of(settings).value("kafka_archiver_topic_lives_total{topic=\"" + topic + "\"}")).isEqualTo(1);
        } finally {
            archiver.stop();
        }
        assertThat(secondId).isNotEqualTo(firstId);

        // Each life whole, once, readable; the first keeps the keys an archive always had, the second's hold its id.
        ArchiveContents contents = ArchiveContents.read(env);
        assertThat(valuesOf(contents, topic, firstId)).isEqualTo(firstLife);
        assertThat(valuesOf(contents, topic, secondId)).isEqualTo(secondLife);
        Map<String, Set<String>> keysByLife = contents.metadata().entrySet().stream().filter(e -> topic.equals(e.getValue().get(ObjectMetadata.TOPIC)))
                .collect(Collectors.groupingBy(e -> e.getValue().get(ObjectMetadata.TOPIC_ID), Collectors.mapping(Map.Entry::getKey, Collectors.toSet())));
        assertThat(keysByLife.keySet()).containsExactlyInAnyOrder(firstId, secondId);
        assertThat(keysByLife.get(firstId)).allMatch(k -> k.matches(topic + "/\\d/\\d{20}\\.mak\\.gz"));
        assertThat(keysByLife.get(secondId)).allMatch(k -> k.matches(topic + "/" + secondId + "/\\d/\\d{20}\\.mak\\.gz"));

        ArchiverProcess.writeSettings(dir, settings);
        String settingsFile = dir.resolve("application.properties").toString();
        CliRun ls = CliRun.of("ls", "--settings", settingsFile, "--topic", topic, "--json");
        assertThat(ls.exitCode()).as(ls.stderr()).isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, String> lifeOfKey = new HashMap<>();
        for (String line : ls.out().lines().toList()) {
            JsonNode n = json.readTree(line);
            lifeOfKey.put(n.get("key").asText(), n.get("topic_id").asText());
        }
        assertThat(lifeOfKey.keySet()).containsExactlyInAnyOrderElementsOf(contents.metadata().keySet());
        assertThat(lifeOfKey).allSatisfy((key, id) -> assertThat(keysByLife.get(id)).contains(key));

        CliRun verify = CliRun.of("verify", "--settings", settingsFile, "--topic", topic, "--json");
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
        JsonNode verdicts = json.readTree(verify.stdout()).get("partitions");
        assertThat(verdicts).hasSize(2 * PARTITIONS).allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("OK"));
        assertThat(verdicts).filteredOn(p -> p.get("topic_id").asText().equals(firstId)).hasSize(PARTITIONS)
                .allSatisfy(p -> assertThat(p.get("life").asText()).isEqualTo("closed"))
                .allSatisfy(p -> assertThat(p.get("records").asLong()).isEqualTo(1000));
        assertThat(verdicts).filteredOn(p -> p.get("topic_id").asText().equals(secondId)).hasSize(PARTITIONS)
                .allSatisfy(p -> assertThat(p.get("life").asText()).isEqualTo("current"))
                .allSatisfy(p -> assertThat(p.get("lag").asLong()).isZero());

        for (Map.Entry<String, Map<Integer, List<String>>> life : Map.of(firstId, firstLife, secondId, secondLife).entrySet()) {
            String target = env.topic("restored-" + life.getKey());
            CliRun restore = CliRun.of("restore", "--settings", settingsFile, "--topic", topic, "--topic-id", life.getKey(),
                    "--target-topic", target, "--offset-map", dir.resolve(target + ".csv").toString());
            assertThat(restore.exitCode()).as(restore.stderr()).isZero();
            assertThat(restoredValues(env, target)).isEqualTo(life.getValue());
        }
        CliRun current = CliRun.of("restore", "--settings", settingsFile, "--topic", topic, "--target-topic", env.topic("current"),
                "--dry-run", "--offset-map", dir.resolve("current.csv").toString());
        assertThat(current.stderr()).contains("restoring the current life of topic " + topic + " (topic id " + secondId);
        assertThat(current.out()).contains("(topic id " + secondId + ")", "up to 1,000 records");
    }

    @Test
    void aTopicCreatedAgainWhileTheArchiverWasDownIsANewLifeWhenItComesBack(TestEnv env, @TempDir Path dir) throws Exception {
        String topic = env.topic("down");
        env.kafka().createTopic(topic, PARTITIONS);
        String firstId = topicId(env, topic);
        Map<Integer, List<String>> firstLife = produce(env, topic, "first", 200);
        Properties settings = ArchiverIT.settings(env, dir, "archive.topics", topic);
        ArchiverRuntime archiver = started(settings);
        try {
            awaitLife(env, topic, firstId, 200);
            ArchiverIT.awaitCommitted(env, topic, 200);
        } finally {
            archiver.stop();
        }

        recreate(env, topic);
        String secondId = topicId(env, topic);
        try (Admin admin = env.kafka().admin()) {
            assertThat(admin.listConsumerGroupOffsets(env.topic("archiver")).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                    .as("Kafka removes a deleted topic's committed offsets, with no member of the group to see it").isEmpty();
        }
        Map<Integer, List<String>> secondLife = produce(env, topic, "second", 100);

        // The same working directory: it holds the first life's state, offsets up to 99 archived in each partition.
        archiver = started(ArchiverIT.settings(env, dir, "archive.topics", topic));
        try {
            awaitLife(env, topic, secondId, 100);
        } finally {
            archiver.stop();
        }
        ArchiveContents contents = ArchiveContents.read(env);
        assertThat(valuesOf(contents, topic, firstId)).isEqualTo(firstLife);
        assertThat(valuesOf(contents, topic, secondId)).isEqualTo(secondLife);
    }

    private static ArchiverRuntime started(Properties settings) throws Exception {
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiveConfiguration.ROUTES);
        archiver.start();
        return archiver;
    }

    private static void recreate(TestEnv env, String topic) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            Deadline.await(topic + " gone", Duration.ofSeconds(30), () -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
        }
        env.kafka().createTopic(topic, PARTITIONS);
    }

    /** The topic's id, once the broker's metadata shows the topic just created. */
    private static String topicId(TestEnv env, String topic) throws Exception {
        String[] id = new String[1];
        try (Admin admin = env.kafka().admin()) {
            Deadline.await("the metadata of " + topic, Duration.ofSeconds(30), () -> {
                try {
                    id[0] = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).topicId().toString();
                    return true;
                } catch (ExecutionException notYet) {
                    return false;
                }
            });
        }
        return id[0];
    }

    /** Produces {@code count} records spread over the partitions; per partition, their values in offset order. */
    private static Map<Integer, List<String>> produce(TestEnv env, String topic, String life, int count) throws Exception {
        Map<Integer, List<String>> values = new HashMap<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        // The producer is idempotent: a partition's records land in the order they are sent.
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int i = 0; i < count; i++) {
                String value = life + "-" + i;
                sent.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, value.getBytes(StandardCharsets.UTF_8))));
                values.computeIfAbsent(i % PARTITIONS, p -> new ArrayList<>()).add(value);
            }
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        return values;
    }

    private static void awaitLife(TestEnv env, String topic, String topicId, int count) throws Exception {
        Deadline.await(count + " offsets of " + topic + " (topic id " + topicId + ") in S3", Duration.ofSeconds(90),
                () -> valuesOf(ArchiveContents.read(env), topic, topicId).values().stream().mapToInt(List::size).sum() >= count);
    }

    /** Per partition, the values the archive holds of one life of the topic, in offset order, each offset once. */
    private static Map<Integer, List<String>> valuesOf(ArchiveContents contents, String topic, String topicId) {
        Map<Integer, Map<Long, String>> byOffset = new HashMap<>();
        for (ArchiveContents.Entry e : contents.entries()) {
            if (e.topic().equals(topic) && topicId.equals(contents.metadata().get(e.objectKey()).get(ObjectMetadata.TOPIC_ID))) {
                String previous = byOffset.computeIfAbsent(e.partition(), p -> new java.util.TreeMap<>())
                        .put(e.record().offset(), new String(e.record().value(), StandardCharsets.UTF_8));
                assertThat(previous).as("offset " + e.record().offset() + " of " + e.topic() + "/" + e.partition() + " archived once").isNull();
            }
        }
        Map<Integer, List<String>> values = new HashMap<>();
        byOffset.forEach((p, offsets) -> values.put(p, new ArrayList<>(offsets.values())));
        return values;
    }

    private static Map<Integer, List<String>> restoredValues(TestEnv env, String target) throws Exception {
        Map<Integer, List<String>> values = new HashMap<>();
        RestoredTopic.read(env, target).partitions().forEach((p, records) -> values.put(p,
                records.stream().map(ConsumerRecord::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList()));
        return values;
    }
}
