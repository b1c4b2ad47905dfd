package io.kafkaarchiver.config;

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
        assertRefusedInOneLine("verify", loginRefused(settings), PackagedJar.run(env.prefix() + "-jar-verify-wrong-password", home, Map.of(),
                Duration.ofMinutes(1), "verify", "--settings", file, "--topic", topic));
        assertRefusedInOneLine("restore", loginRefused(settings), PackagedJar.run(env.prefix() + "-jar-restore-wrong-password", home, Map.of(),
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

        assertRefusedInOneLine("run", loginRefused(settings),
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

    @Test
    void aTruststoreThatIsNotThereIsNamedInOneLineAtStartup(TestEnv shared) throws Exception {
        TestEnv env = onSecuredCluster(shared);
        Path missing = home.resolve("no-such-ca.crt");
        Properties settings = settings(env, "missing-truststore", cluster.saslSslSettings(PASSWORD));
        settings.setProperty("kafka.consumer.ssl.truststore.location", missing.toString());

        assertRunAndVerifyRefuse(env, "missing-truststore", settings, "kafka.consumer.ssl.truststore.location: no such file: " + missing);
    }

    @Test
    void aPkcs12TruststoreWithoutItsPasswordIsNamedInOneLineAtStartup(TestEnv shared) throws Exception {
        TestEnv env = onSecuredCluster(shared);
        Properties settings = settings(env, "pkcs12-truststore", cluster.withPkcs12Truststore(cluster.saslSslSettings(PASSWORD)));
        ArchiverProcess.writeSettings(home, settings);
        // With its password, the truststore is good: Kafka is asked over SASL_SSL.
        CliRun trusted = verify(env.topic("pkcs12-truststore"));
        assertThat(trusted.out()).as(trusted.out() + trusted.stderr()).contains("compared with Kafka at " + settings.getProperty("kafka.brokers"));

        settings.remove("kafka.consumer.ssl.truststore.password");
        assertRunAndVerifyRefuse(env, "pkcs12-truststore", settings, "kafka.consumer.ssl.truststore.password: missing: "
                + settings.getProperty("kafka.consumer.ssl.truststore.location") + " shows no trusted certificates without it"
                + " (a PKCS12 truststore needs its password to show its certificates)");
    }

    @Test
    void aJaasConfigWithoutAPasswordIsNamedInOneLineAtStartup(TestEnv shared) throws Exception {
        TestEnv env = onSecuredCluster(shared);
        Properties settings = settings(env, "jaas-without-password", cluster.saslSslSettings(PASSWORD));
        settings.setProperty("kafka.consumer.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + SecuredKafka.USER + "\";");

        assertRunAndVerifyRefuse(env, "jaas-without-password", settings,
                "kafka.consumer.sasl.jaas.config: has no password option (ScramLoginModule logs in with username=\"...\" password=\"...\")");
    }

    /** The settings of an archiver of the topic {@code <prefix>-<name>}, reaching Kafka with {@code connection}. */
    private Properties settings(TestEnv env, String name, Map<String, String> connection) throws Exception {
        Properties settings = ArchiverIT.settings(env, home, "archive.topics", env.topic(name));
        settings.putAll(connection);
        return settings;
    }

    /** {@code run} and {@code verify}, as users run them with {@code settings}, each refuse them in the one line {@code refusal}. */
    private void assertRunAndVerifyRefuse(TestEnv env, String mistake, Properties settings, String refusal) throws Exception {
        ArchiverProcess.writeSettings(home, settings);

        assertRefusedInOneLine("run", Pattern.quote(refusal),
                PackagedJar.run(env.prefix() + "-jar-run-" + mistake, home, Map.of(), Duration.ofMinutes(1), "run"));
        assertRefusedInOneLine("verify", Pattern.quote(refusal), PackagedJar.run(env.prefix() + "-jar-verify-" + mistake, home, Map.of(),
                Duration.ofMinutes(1), "verify", "--settings", home.resolve("application.properties").toString(),
                "--topic", settings.getProperty("archive.topics")));
    }

    /** What follows "bad setting " when Kafka refuses the login {@code settings} make. */
    private static String loginRefused(Properties settings) {
        return "kafka\\.consumer\\.sasl\\.jaas\\.config: Kafka at " + Pattern.quote(settings.getProperty("kafka.brokers"))
                + " refused the login: .*invalid credentials.*";
    }

    /**
     * Exit code 2, and one line, {@code command: bad setting } then what {@code setting} matches; never a password, and no
     * warning, error or stack trace from the Kafka client.
     */
    private static void assertRefusedInOneLine(String command, String setting, PackagedJar.Run run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Console.EXIT_USAGE);
        // stderr is the log too: run's lines before this one say what the archiver was starting with.
        assertThat(run.err().lines().filter(line -> !LOG_LINE.matcher(line).lookingAt())).as("stderr besides the log").singleElement(STRING)
                .matches(Pattern.quote(command + ": bad setting ") + setting);
        assertThat(run.out() + run.err()).as("the output").doesNotContain(" ERROR ").doesNotContain(" WARN ").doesNotContain("\tat ")
                .doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
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
        ArchiverIT.archiveInProcess(env, settings, topic, RECORDS);
        return settings;
    }

    /** The shared S3 server and this test's bucket, with the secured broker (whose PLAINTEXT listener the test itself uses). */
    private static TestEnv onSecuredCluster(TestEnv shared) {
        return new TestEnv(cluster.kafka(), shared.s3(), shared.s3Client(), shared.bucket(), shared.prefix(), shared.elsewhere());
    }

    private static long endOffsets(TestEnv env, String topic) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, ArchiverIT.PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        }
    }
}
