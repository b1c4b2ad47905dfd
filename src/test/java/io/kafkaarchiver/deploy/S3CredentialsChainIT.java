package io.kafkaarchiver.deploy;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.ArchiverProcess;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.PackagedJar;
import io.kafkaarchiver.testkit.TestEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archiver jar with no {@code s3.access-key}: the AWS default credentials chain finds the S3 keys
 * where deployments put them, in environment variables or in a profile file. (Its web identity step needs
 * AWS STS, which no local server here plays.)
 */
@ExtendWith(ArchiveTestEnvironment.class)
class S3CredentialsChainIT {

    private static final int RECORDS = 100;

    @TempDir
    Path home;

    @Test
    void keysFromEnvironmentVariables(TestEnv env) throws Exception {
        archiveWith(env, "env-keys", Map.of("AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_KEY), running -> {
            // The running archiver answers the paths the Kubernetes probes ask.
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = (String) DeploymentFiles.at(DeploymentFiles.read().container(), probe, "httpGet").get("path");
                assertThat(get(running, path)).as(probe + " " + path).isEqualTo(200);
            }
        });
    }

    @Test
    void keysFromAProfileFile(TestEnv env) throws Exception {
        Path credentials = Files.writeString(home.resolve("credentials"),
                "[archiver]\naws_access_key_id = " + LocalS3.ACCESS_KEY + "\naws_secret_access_key = " + LocalS3.SECRET_KEY + "\n");
        Path config = Files.writeString(home.resolve("config"), "[profile archiver]\nregion = " + LocalS3.REGION + "\n");
        archiveWith(env, "profile-keys", Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "archiver"), running -> { });
    }

    /** What a test asks of the archiver while it runs; its management server is at {@code settings}' port. */
    private interface WhileRunning {
        void check(Properties settings) throws Exception;
    }

    /** Runs the jar on a new topic with {@code environment} and no S3 keys in its settings, until the records are in S3. */
    private void archiveWith(TestEnv env, String name, Map<String, String> environment, WhileRunning whileRunning) throws Exception {
        String topic = env.topic(name);
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        ArchiverIT.produce(env, topic, 0, RECORDS);
        Properties settings = ArchiverIT.settings(env, home, "archive.topics", topic, "s3.access-key", "", "s3.secret-key", "");
        ArchiverProcess.writeSettings(home, settings);
        try (ChildJvm archiver = PackagedJar.start(env.prefix() + "-jar-" + name, home, environment, "run")) {
            Deadline.await(RECORDS + " offsets of " + topic + " in S3", Duration.ofSeconds(90), () -> {
                archiver.checkAlive();
                return ArchiveContents.read(env).offsetCounts(topic).size() >= RECORDS;
            });
            whileRunning.check(settings);
        }
    }

    private static int get(Properties settings, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + settings.getProperty("camel.management.port") + path);
        // HTTP/1.1 as the kubelet asks: the JDK's default HTTP/2 upgrade goes unanswered by Camel's server.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
