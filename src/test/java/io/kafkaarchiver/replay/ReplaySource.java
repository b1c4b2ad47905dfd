package io.kafkaarchiver.replay;

import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.cli.ArchivedTopics;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A topic archived by the real archiver for replay tests: JSON values, every 7th key and every 9th value null,
 * two {@code trace} headers and a {@code nil} header with a null value, timestamps a millisecond apart.
 *
 * @param sent     what was produced, by "partition@offset"
 * @param settings the archiver's settings, which name the archive
 */
public record ReplaySource(String topic, Map<String, ProducerRecord<byte[], byte[]>> sent, Properties settings) {

    /** A produced record and where Kafka put it. */
    public record Sent(int partition, long offset, ProducerRecord<byte[], byte[]> record) {
    }

    public static ReplaySource archive(TestEnv env, Path dir, String suffix, int count) throws Exception {
        String topic = env.topic(suffix);
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long baseTime = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < count; i++) {
            byte[] key = i % 7 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = i % 9 == 0 ? null : ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, i % ArchiverIT.PARTITIONS, baseTime + i, key, value);
            r.headers().add("trace", ("a" + i).getBytes(StandardCharsets.UTF_8));
            r.headers().add("trace", ("b" + i).getBytes(StandardCharsets.UTF_8));
            r.headers().add("nil", null);
            records.add(r);
        }
        Map<String, ProducerRecord<byte[], byte[]>> sent = new TreeMap<>(ArchiverIT.byPlace(records, env.send(records)));
        ArchivedTopics.archive(env, dir, topic, () -> ArchiverIT.awaitArchived(env, topic, count));
        return new ReplaySource(topic, sent, ArchiverIT.settings(env, dir.resolve("replay"), "archive.topics", topic));
    }

    /** The produced records {@code chosen} selects, by partition then offset. */
    public List<Sent> expected(Predicate<Sent> chosen) {
        return sent.entrySet().stream().map(e -> {
            String[] at = e.getKey().split("@");
            return new Sent(Integer.parseInt(at[0]), Long.parseLong(at[1]), e.getValue());
        }).filter(chosen).sorted(Comparator.comparingInt(Sent::partition).thenComparingLong(Sent::offset)).toList();
    }

    public long firstTimestamp() {
        return sent.values().stream().mapToLong(ProducerRecord::timestamp).min().orElseThrow();
    }
}
