package io.kafkaarchiver.docker;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archiver end to end on a Kafka broker and an S3 server (MinIO) in containers, started by
 * Testcontainers: {@code mvn -B verify -Pdocker}. The images are the pom's ({@code kafka.image},
 * {@code minio.image}). Skipped, saying why, where no Docker engine answers.
 */
@EnabledIf(value = "dockerAnswers", disabledReason = ContainersIT.NO_DOCKER)
class ContainersIT {

    static final String NO_DOCKER = "no Docker engine answers (DOCKER_HOST, or /var/run/docker.sock): "
            + "the archiver on Kafka and MinIO in containers is not tested";

    private static final String TOPIC = "orders";
    private static final String BUCKET = "kafka-archive";
    private static final int RECORDS = 1000;

    private static KafkaContainer kafka;
    private static MinIOContainer minio;
    private static S3Client s3;

    /** Also says so in the build's output, where a skipped test's reason does not show. */
    static boolean dockerAnswers() {
        boolean answers = DockerClientFactory.instance().isDockerAvailable();
        if (!answers) {
            LoggerFactory.getLogger(ContainersIT.class).warn("Skipped: {}", NO_DOCKER);
        }
        return answers;
    }

    @BeforeAll
    static void startContainers() {
        kafka = new KafkaContainer(System.getProperty("kafka.image"));
        minio = new MinIOContainer(System.getProperty("minio.image"));
        kafka.start();
        minio.start();
        s3 = S3Client.builder().endpointOverride(URI.create(minio.getS3URL())).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(minio.getUserName(), minio.getPassword())))
                .build();
    }

    @AfterAll
    static void stopContainers() {
        s3.close();
        minio.stop();
        kafka.stop();
    }

    @Test
    void everyOffsetLandsInExactlyOneObjectAndIsCommitted(@TempDir Path dir) throws Exception {
        s3.createBucket(b -> b.bucket(BUCKET));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, ArchiverIT.PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce();
            Properties settings = ArchiverIT.settings(kafka.getBootstrapServers(), URI.create(minio.getS3URL()), minio.getUserName(),
                    minio.getPassword(), BUCKET, "containers", dir, "archive.topics", TOPIC);
            ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiveConfiguration.ROUTES);
            archiver.start();
            try {
                Deadline.await(RECORDS + " offsets in MinIO", Duration.ofSeconds(90),
                        () -> ArchiveContents.read(s3, BUCKET).offsetCounts(TOPIC).size() == RECORDS);
                Deadline.await("the group's commits to cover every offset", Duration.ofSeconds(60),
                        () -> admin.listConsumerGroupOffsets(settings.getProperty("kafka.group-id")).partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum() == RECORDS);
            } finally {
                archiver.stop();
            }
        }
        assertThat(ArchiveContents.read(s3, BUCKET).offsetCounts(TOPIC)).hasSize(RECORDS).allSatisfy((offset, n) -> assertThat(n).as(offset).isEqualTo(1));
    }

    private static void produce() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % ArchiverIT.PARTITIONS, null, ("value-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }
}
