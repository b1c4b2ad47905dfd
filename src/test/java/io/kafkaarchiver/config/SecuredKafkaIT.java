package io.kafkaarchiver.config;

import io.kafkaarchiver.runtime.ArchiverRuntime;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.cli.CliRun;
import io.kafkaarchiver.cli.Console;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.PackagedJar;
import io.kafkaarchiver.testkit.SecuredKafka;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The archiver, verify and restore on a secured cluster, reached with {@code kafka.consumer.*} settings
 * only: SASL_SSL with SCRAM-SHA-512, and TLS with a client certificate.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class SecuredKafkaIT {

    private static final String PASSWORD = "scram-7f3a-secret";
    private static final String WRONG_PASSWORD = "not-the-password-91c2";
    private static final int RECORDS = 200;
    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

    private static SecuredKafka cluster;

    @TempDir
    Path home;

    @BeforeAll
    static void startTheSecuredBroker() throws Exception {
        cluster = SecuredKafka.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-secured-kafka-"), PASSWORD);
    }

    @AfterAll
    static void stopTheSecuredBroker() throws Exception {
        cluster.close();
    }

    @Test
    void archivesVerifiesAndRestoresOverSaslSslAndNamesTheSettingOfAWrongPassword(TestEnv shared) throws Exception {
        TestEnv env = onSecuredCluster(shared);
        String topic = env.topic("sasl");
        Properties settings = archiveOnce(env, topic, cluster.saslSslSettings(PASSWORD));
        ArchiverProcess.writeSettings(home, settings);

        CliRun verify = verify(topic);
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
        assertThat(verify.out()).contains("compared with Kafka at " + settings.getProperty("kafka.brokers"));
        CliRun restore = restore(topic);
        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        assertThat(restore.out()).startsWith("restored " + RECORDS + " records");
        assertThat(endOffsets(env, topic + "-restored")).isEqualTo(RECORDS);

        // As users run them, so that what the Kafka clients log shows too.
        settings.putAll(cluster.saslSslSettings(WRONG_PASSWORD));
        ArchiverProcess.writeSettings(home, settings);
        String file = home.resolve("application.properties").toString();
        assertRefusedInOneLine("verify", settings, PackagedJar.run(env.prefix() + "-jar-verify-wrong-password", home, Map.of(),
                Duration.ofMinutes(1), "verify", "--settings", file, "--topic", topic));
        assertRefusedInOneLine("restore", settings, PackagedJar.run(env.prefix() + "-jar-restore-wrong-password", home, Map.of(),
                Duration.ofMinutes(1), "restore", "--settings", file, "--topic", topic, "--target-topic", topic + "-again"));
    }

    @Test
    void theArchiverStopsAtStartupWhenKafkaRefusesItsPassword(TestEnv shared) throws Exception {
        TestEnv env = onSecuredCluster(shared);
        String topic = env.topic("wrong-password");
        env.kafka().createTopic(topic, 1);
        Properties settings = ArchiverIT.settings(env, home, "archive.topics", topic);
        settings.putAll(cluster.saslSslSettings(WRONG_PASSWORD));
        ArchiverProcess.writeSettings(home, settings);

        assertRefusedInOneLine("run", settings,
                PackagedJar.run(env.prefix() + "-jar-run-wrong-password", home, Map.of(), Duration.ofMinutes(1), "run"));
    }

    @Test
    void archivesAndVerifiesOverTlsWithAClientCertificateAndNamesTheSettingOfAFailedHandshake(TestEnv shared) throws Exception {
        TestEnv env = onSecuredCluster(shared);
        String topic = env.topic("mtls");
        Properties settings = archiveOnce(env, topic, cluster.mutualTlsSettings());
        ArchiverProcess.writeSettings(home, settings);
        CliRun verify = verify(topic);
        assertThat(verify.exitCode()).as(verify.out() + verify.stderr()).isZero();
        assertThat(verify.out()).contains("compared with Kafka at " + settings.getProperty("kafka.brokers"));

        // The broker asks for a client certificate, and gets none.
        settings.stringPropertyNames().stream().filter(key -> key.startsWith("kafka.consumer.ssl.k")).forEach(settings::remove);
        ArchiverProcess.writeSettings(home, settings);
        CliRun refused = verify(topic);
        assertThat(refused.exitCode()).as(refused.out() + refused.stderr()).isEqualTo(Console.EXIT_USAGE);
        assertThat(refused.stderr().lines()).as("stderr").singleElement(STRING)
                .startsWith("verify: bad setting kafka.consumer.ssl.truststore.location: the TLS handshake with Kafka at "
                        + settings.getProperty("kafka.brokers") + " failed");
    }

    /** Exit code 2, and one line naming the setting; never the password, no warning or stack trace from the Kafka client. */
    private static void assertRefusedInOneLine(String command, Properties settings, PackagedJar.Run run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Console.EXIT_USAGE);
        // stderr is the log too: run's lines before this one say what the archiver was starting with.
        assertThat(run.err().lines().filter(line -> !LOG_LINE.matcher(line).lookingAt())).as("stderr besides the log").singleElement(STRING)
                .matches(command + ": bad setting kafka\\.consumer\\.sasl\\.jaas\\.config: Kafka at "
                        + Pattern.quote(settings.getProperty("kafka.brokers")) + " refused the login: .*invalid credentials.*");
        assertThat(run.err()).as("stderr").doesNotContain(" ERROR ").doesNotContain(" WARN ").doesNotContain("\tat ");
        assertThat(run.out() + run.err()).doesNotContain(WRONG_PASSWORD);
    }

    private CliRun verify(String topic) {
        return CliRun.of("verify", "--settings", home.resolve("application.properties").toString(), "--topic", topic);
    }

    private CliRun restore(String topic) {
        return CliRun.of("restore", "--settings", home.resolve("application.properties").toString(), "--topic", topic,
                "--target-topic", topic + "-restored", "--offset-map", home.resolve("offsets.csv").toString());
    }

    /** Archives {@value #RECORDS} records of a new topic with {@code connection} (kafka.brokers and kafka.consumer.*); @return the settings */
    private Properties archiveOnce(TestEnv env, String topic, Map<String, String> connection) throws Exception {
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        ArchiverIT.produce(env, topic, 0, RECORDS);
        Properties settings = ArchiverIT.settings(env, home, "archive.topics", topic);
        settings.putAll(connection);
        ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiveConfiguration.ROUTES);
        archiver.start();
        try {
            ArchiverIT.awaitArchived(env, topic, RECORDS);
        } finally {
            archiver.stop();
        }
        return settings;
    }

    /** The shared S3 server and this test's bucket, with the secured broker (whose PLAINTEXT listener the test itself uses). */
    private static TestEnv onSecuredCluster(TestEnv shared) {
        return new TestEnv(cluster.kafka(), shared.s3(), shared.s3Client(), shared.bucket(), shared.prefix());
    }

    private static long endOffsets(TestEnv env, String topic) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, ArchiverIT.PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        }
    }
}
