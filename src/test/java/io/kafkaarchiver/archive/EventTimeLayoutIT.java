package io.kafkaarchiver.archive;

import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.archive.ArchiverIT.awaitArchived;
import static io.kafkaarchiver.archive.ArchiverIT.awaitCommitted;
import static io.kafkaarchiver.archive.ArchiverIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code archive.rotate.event-time=hour} with a Hive-style key template, on the real broker and S3 server: records
 * with timestamps across three hours, late ones among them, and a kill -9 while a file of the middle hour is in
 * progress. Every object's key names the hour of every record it holds, and every offset is archived exactly once.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class EventTimeLayoutIT {

    private static final int PARTITIONS = 2;
    private static final Duration STEP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void eachObjectHoldsOneHourOfItsRecordsAndItsKeySaysWhichAcrossAKill(TestEnv env) throws Exception {
        String topic = env.topic("eventtime");
        env.kafka().createTopic(topic, PARTITIONS);
        // Three whole hours in the past: recent enough for the broker's retention.
        Instant h0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Instant h1 = h0.plus(Duration.ofHours(1));
        Instant h2 = h1.plus(Duration.ofHours(1));
        Map<String, Long> sent = new HashMap<>();

        // Hour 0, then the start of hour 1 with a late record of hour 0 in it.
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int p = 0; p < PARTITIONS; p++) {
                List<Instant> times = new ArrayList<>(steps(h0, 0, 150));
                times.addAll(steps(h1, 0, 25));
                times.add(h1.minusSeconds(60));
                times.addAll(steps(h1, 25, 25));
                send(producer, topic, p, times, sent);
            }
        }
        String template = "{topic}/date={date}/hour={hour}/{partition}-{start}{ext}";
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.event-time", "hour",
                "archive.key-template", template, "archive.rotate.max-age", "1h", "archive.rotate.max-records", "1000000"));
        ChildJvm first = ArchiverProcess.start(env, dir, "eventtime-first");
        Deadline.await("hour 0 of every partition in S3 (its records, and the late one), completed by records of hour 1", Duration.ofSeconds(90), () -> {
            first.checkAlive();
            return objectsOf(env, topic, h0).size() == 2 * PARTITIONS;
        });
        first.kill();
        assertThat(filesIn(dir.resolve("work").resolve("in-progress"))).as("files of hour 1 in progress at the kill").isNotEmpty();

        // The rest of hour 1, then hour 2 with a late record of hour 1 in it.
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int p = 0; p < PARTITIONS; p++) {
                List<Instant> times = new ArrayList<>(steps(h1, 50, 100));
                times.addAll(steps(h2, 0, 50));
                times.add(h2.minusSeconds(1));
                times.addAll(steps(h2, 50, 100));
                send(producer, topic, p, times, sent);
            }
        }
        int count = sent.size();
        // Files close by event time or by count (the last one of hour 2 holds 100 records), never by age: the resumed
        // file of hour 1 takes the records of hour 1 produced after the kill.
        ArchiverProcess.writeSettings(dir, settings(env, dir, "archive.topics", topic, "archive.rotate.event-time", "hour",
                "archive.key-template", template, "archive.rotate.max-age", "1h", "archive.rotate.max-records", "100"));
        try (ChildJvm second = ArchiverProcess.start(env, dir, "eventtime-second")) {
            awaitArchived(env, topic, count);
            awaitCommitted(env, topic, count);
        }

        ArchiveContents contents = ArchiveContents.read(env);
        assertThat(contents.offsetCounts(topic)).hasSize(count).allSatisfy((offset, n) -> assertThat(n).as(offset).isEqualTo(1));
        Pattern key = Pattern.compile(Pattern.quote(topic) + "/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/(\\d+)-(\\d{20})\\.mak\\.gz");
        Set<Instant> hours = new TreeSet<>();
        Map<String, Long> firstOffsets = new HashMap<>();
        for (ArchiveContents.Entry e : contents.entries()) {
            Matcher m = key.matcher(e.objectKey());
            assertThat(m.matches()).as(e.objectKey()).isTrue();
            Instant hour = Instant.parse(m.group(1) + "T" + m.group(2) + ":00:00Z");
            hours.add(hour);
            assertThat(Integer.parseInt(m.group(3))).isEqualTo(e.partition());
            assertThat(e.record().timestamp()).as("offset %d in %s", e.record().offset(), e.objectKey())
                    .isEqualTo(sent.get(e.partition() + "@" + e.record().offset()))
                    .isBetween(hour.toEpochMilli(), hour.plus(Duration.ofHours(1)).toEpochMilli() - 1);
            firstOffsets.merge(e.objectKey(), e.record().offset(), Math::min);
        }
        assertThat(hours).containsExactly(h0, h1, h2);
        firstOffsets.forEach((object, offset) -> assertThat(object).as("keyed by its first offset").endsWith(String.format("-%020d.mak.gz", offset)));
        // Offsets 0-149 hour 0, 150-174 hour 1, 175 late (hour 0), 176-200 hour 1 in progress at the kill; after it, 201-300 of hour 1.
        for (int p = 0; p < PARTITIONS; p++) {
            String resumed = topic + "/date=" + h1.toString().substring(0, 10) + "/hour=" + hourOf(h1) + "/" + p + String.format("-%020d.mak.gz", 176);
            assertThat(contents.entries()).filteredOn(e -> e.objectKey().equals(resumed)).extracting(e -> e.record().offset())
                    .as("the file resumed after the kill kept to its first record's hour").contains(176L, 200L, 201L);
        }
        // The late records: each opened an object of its own hour, holding it alone (the next record is of the later hour again).
        assertThat(contents.entries()).filteredOn(e -> e.record().timestamp() == h1.minusSeconds(60).toEpochMilli())
                .hasSize(PARTITIONS).allSatisfy(e -> assertThat(e.objectKey()).contains("/hour=" + hourOf(h0) + "/"));
        assertThat(contents.entries()).filteredOn(e -> e.record().timestamp() == h2.minusSeconds(1).toEpochMilli())
                .hasSize(PARTITIONS).allSatisfy(e -> assertThat(e.objectKey()).contains("/hour=" + hourOf(h1) + "/"));
    }

    private static String hourOf(Instant hour) {
        return String.format("%02d", hour.atZone(java.time.ZoneOffset.UTC).getHour());
    }

    /** {@code count} timestamps {@link #STEP} apart in {@code hour}, from the {@code from}th step on. */
    private static List<Instant> steps(Instant hour, int from, int count) {
        List<Instant> times = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            times.add(hour.plus(STEP.multipliedBy(i / 2)).plusMillis(i % 2));
        }
        return times;
    }

    /** Sends one record per timestamp to {@code partition}, in order; notes each offset's timestamp as {@code partition@offset}. */
    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int partition, List<Instant> times, Map<String, Long> sent)
            throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Instant t : times) {
            acks.add(producer.send(new ProducerRecord<>(topic, partition, t.toEpochMilli(), null, ("at " + t).getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < acks.size(); i++) {
            RecordMetadata meta = acks.get(i).get(30, TimeUnit.SECONDS);
            sent.put(meta.partition() + "@" + meta.offset(), times.get(i).toEpochMilli());
        }
    }

    private static Set<String> objectsOf(TestEnv env, String topic, Instant hour) throws Exception {
        String prefix = topic + "/date=" + hour.toString().substring(0, 10) + "/hour=" + hourOf(hour) + "/";
        Set<String> objects = new TreeSet<>();
        for (ArchiveContents.Entry e : ArchiveContents.read(env).entries()) {
            if (e.objectKey().startsWith(prefix)) {
                objects.add(e.objectKey());
            }
        }
        return objects;
    }

    private static List<Path> filesIn(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mak")).toList();
        }
    }
}
