package io.kafkaarchiver.deploy;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.S3Settings;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.runtime.JvmFlags;
import io.kafkaarchiver.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kafkaarchiver.deploy.DeploymentFiles.at;
import static io.kafkaarchiver.deploy.DeploymentFiles.list;
import static io.kafkaarchiver.deploy.DeploymentFiles.map;
import static io.kafkaarchiver.deploy.DeploymentFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The Dockerfile and the Kubernetes manifests agree with the archiver and with each other: what can be
 * checked without a Docker engine or a cluster.
 */
class DeploymentFilesTest {

    private static final String MANAGEMENT_PORT = "camel.management.port";

    /** The container's working directory: no application.properties, so the jar's defaults and the environment. */
    @TempDir
    Path workingDirectory;

    private DeploymentFiles files;
    /** The settings the archiver in the pod runs with. */
    private Properties settings;

    @BeforeEach
    void read() throws Exception {
        files = DeploymentFiles.read();
        settings = SettingsSource.load(workingDirectory, files.environment());
    }

    @Test
    void everyEnvironmentVariableIsASettingTheArchiverAccepts() throws Exception {
        Set<String> settingVariables = Stream.concat(SettingsSource.load(workingDirectory, Map.of()).stringPropertyNames().stream(),
                        ConsumerConfig.configNames().stream().map(name -> ArchiveSettings.CONSUMER_PREFIX + name))
                .map(SettingsSource::environmentName).collect(Collectors.toSet());
        List<String> dockerfileVariables = files.dockerfile().all("ENV").stream().map(e -> e.split("=", 2)[0]).toList();

        assertThat(files.environment().keySet()).as("the pod's environment variables").isNotEmpty().isSubsetOf(settingVariables);
        assertThat(dockerfileVariables).as("the Dockerfile's ENV").isNotEmpty().isSubsetOf(settingVariables);
        // Checked as at startup: a malformed value would stop the pod with exit code 2.
        ArchiveSettings archiver = checkedAtStartup();
        assertThat(archiver.consumerProperties()).containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(archiver.archive().store()).isInstanceOfSatisfying(S3Settings.class, s3 -> assertThat(s3.bucket()).isEqualTo(files.environment().get("S3_BUCKET")));
    }

    /** Exactly-once resumes from the working directory: it must outlive the pod, and the image's volume is the same place. */
    @Test
    void eachPodIsAStaticMemberOfTheGroupUnderItsOwnName() throws Exception {
        assertThat(checkedAtStartup().consumerProperties()).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "kafka-archiver-0");
    }

    @Test
    void theWorkDirectoryIsOnAPersistentVolume() throws Exception {
        String workDir = checkedAtStartup().workDir().toString();
        Set<String> claimed = list(at(files.statefulSet(), "spec").get("volumeClaimTemplates")).stream()
                .map(t -> DeploymentFiles.name(map(t).get("metadata"))).collect(Collectors.toSet());

        assertThat(mounts()).as("volume claims mounted at archive.work-dir").filteredOn(m -> m.get("mountPath").equals(workDir))
                .singleElement().satisfies(m -> assertThat(claimed).contains((String) m.get("name")));
        assertThat(files.dockerfile().all("VOLUME")).containsExactly(workDir);
        assertThat(files.dockerfile().env("ARCHIVE_WORK_DIR")).isEqualTo(workDir);
    }

    @Test
    void probesAndPrometheusUseTheManagementServer() {
        int port = Integer.parseInt(settings.getProperty(MANAGEMENT_PORT));
        Map<String, Object> containerPort = list(files.container().get("ports")).stream().map(DeploymentFiles::map)
                .filter(p -> p.get("containerPort").equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError("the container exposes no port " + port + " (" + MANAGEMENT_PORT + ")"));
        List<Object> portReferences = List.of(port, containerPort.get("name"));

        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = at(files.container(), probe, "httpGet");
            assertThat((String) get.get("path")).as(probe).startsWith("/observe/health");
            assertThat(get.get("port")).as(probe + " port").isIn(portReferences);
        }
        assertThat(strings(at(files.statefulSet(), "spec", "template", "metadata", "annotations"))).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", Integer.toString(port)).containsEntry("prometheus.io/path", "/observe/metrics");
        assertThat(files.dockerfile().all("EXPOSE")).containsExactly(Integer.toString(port));
        Map<String, Object> service = files.manifest("Service", (String) at(files.statefulSet(), "spec").get("serviceName"));
        assertThat(list(at(service, "spec").get("ports"))).singleElement().satisfies(p -> assertThat(map(p).get("targetPort")).isIn(portReferences));
    }

    /** Passwords go in the Secret, never the ConfigMap; files a setting names (the Kafka CA) are mounted into the pod. */
    @Test
    void secretsComeFromSecretsAndFilesFromMountedVolumes() {
        String configMap = DeploymentFiles.name(list(files.container().get("envFrom")).stream().map(DeploymentFiles::map)
                .filter(from -> from.containsKey("configMapRef")).findFirst().orElseThrow().get("configMapRef"));
        assertThat(strings(files.manifest("ConfigMap", configMap).get("data")).keySet())
                .noneMatch(name -> name.matches(".*(PASSWORD|SECRET|JAAS|ACCESS_KEY).*"));

        List<String> locations = settings.stringPropertyNames().stream().filter(name -> name.endsWith(".location"))
                .map(settings::getProperty).toList();
        assertThat(locations).as("files the settings name").isNotEmpty().allSatisfy(location -> assertThat(mounts())
                .anyMatch(m -> location.startsWith(m.get("mountPath") + "/") && mountedFileExists(m, location)));
    }

    @Test
    void theImageRunsTheJarAsTheNonRootUserThePodAsksFor() {
        Map<String, Object> security = at(files.podSpec(), "securityContext");
        List<String> user = files.dockerfile().all("USER");

        assertThat(security).containsEntry("runAsNonRoot", true);
        assertThat(user).singleElement(STRING).matches("\\d+").isNotEqualTo("0").isEqualTo(String.valueOf(security.get("runAsUser")));
        // The flags we launch with everywhere: out of memory, the JVM exits and Kubernetes restarts the pod.
        assertThat(files.dockerfile().all("ENTRYPOINT")).singleElement(STRING).contains("\"-jar\"")
                .contains(JvmFlags.RECOMMENDED.stream().map(flag -> '"' + flag + '"').toList());
        assertThat(list(files.container().get("args"))).containsExactly("run");
    }

    @Test
    void theReadmeRunsTheJarWithTheSameFlags() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains("    java " + String.join(" ", JvmFlags.RECOMMENDED) + " -jar target/kafka-archiver.jar run\n");
    }

    /**
     * The settings as the archiver in the pod checks them at startup, opening the files they name (the Kafka CA's
     * certificate, mounted from a Secret whose certificate is a placeholder): here a test CA's certificate stands in.
     */
    private ArchiveSettings checkedAtStartup() throws Exception {
        Path certificate = TestCertificates.newAuthority(workingDirectory.resolve("mounted")).truststorePem();
        Properties mounted = new Properties();
        mounted.putAll(settings);
        settings.stringPropertyNames().stream().filter(name -> name.endsWith(".location"))
                .forEach(name -> mounted.setProperty(name, certificate.toString()));
        return ArchiveSettings.from(mounted);
    }

    private List<Map<String, Object>> mounts() {
        return list(files.container().get("volumeMounts")).stream().map(DeploymentFiles::map).toList();
    }

    /** Whether the volume mounted by {@code mount} is a Secret or ConfigMap holding the file at {@code location}. */
    private boolean mountedFileExists(Map<String, Object> mount, String location) {
        String file = location.substring(((String) mount.get("mountPath")).length() + 1);
        Map<String, Object> volume = list(files.podSpec().get("volumes")).stream().map(DeploymentFiles::map)
                .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
        Map<String, Object> source = volume.containsKey("secret")
                ? files.manifest("Secret", (String) map(volume.get("secret")).get("secretName"))
                : files.manifest("ConfigMap", DeploymentFiles.name(volume.get("configMap")));
        return map(source.getOrDefault("stringData", source.get("data"))).containsKey(file);
    }
}
