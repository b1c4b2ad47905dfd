package io.kafkaarchiver.restore;

import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.TestEnv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A topic a restore wrote, read back whole, and the restore's checkpoints: what a user would look at. */
public record RestoredTopic(Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions) {

    /** Every record the topic holds now, per partition in offset order. */
    public static RestoredTopic read(TestEnv env, String topic) throws Exception {
        int count;
        try (Admin admin = env.kafka().admin()) {
            count = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        }
        List<TopicPartition> tps = IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).toList();
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        tps.forEach(tp -> read.put(tp.partition(), new ArrayList<>()));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(env.consumerConfig(env.topic("reader")))) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            Deadline.await("every record of " + topic, Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.get(r.partition()).add(r));
                return tps.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return new RestoredTopic(read);
    }

    static boolean exists(TestEnv env, String topic) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            return admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get(30, TimeUnit.SECONDS).contains(topic);
        }
    }

    /** The sum over partitions of what the topic holds (its end offsets) and of its restore checkpoints. */
    record Totals(long ends, long checkpoints) {

        static Totals of(TestEnv env, String topic) throws Exception {
            try (Admin admin = env.kafka().admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(RestoreCheckpoint.group(topic))
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long checkpoints = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                if (!exists(env, topic)) {
                    return new Totals(0, checkpoints);
                }
                int count = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                IntStream.range(0, count).forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
                long ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
                return new Totals(ends, checkpoints);
            }
        }
    }

    long recordCount() {
        return partitions.values().stream().mapToLong(List::size).sum();
    }
}
