package io.kafkaarchiver.testkit;

import io.kafkaarchiver.demo.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The test broker is a real Kafka: records produced to a multi-partition topic come back whole. */
@ExtendWith(ArchiveTestEnvironment.class)
class KafkaBrokerIT {

    @Test
    void producesAndConsumesAcrossPartitions(TestEnv env) throws Exception {
        String topic = env.topic("roundtrip");
        env.kafka().createTopic(topic, 3);
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int i = 0; i < 300; i++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, i % 3, bytes("k" + i), bytes("v" + i));
                r.headers().add("n", bytes(Integer.toString(i)));
                producer.send(r);
            }
            producer.flush();
        }
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(env.consumerConfig(env.topic("reader")))) {
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Deadline.await("300 records", Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r));
                return byKey.size() == 300;
            });
        }
        for (int i = 0; i < 300; i++) {
            ConsumerRecord<byte[], byte[]> r = byKey.get("k" + i);
            assertThat(r.partition()).isEqualTo(i % 3);
            assertThat(r.offset()).isEqualTo(i / 3);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v" + i);
            assertThat(new String(r.headers().lastHeader("n").value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
