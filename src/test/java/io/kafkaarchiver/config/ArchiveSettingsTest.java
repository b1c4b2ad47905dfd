package io.kafkaarchiver.config;

import io.kafkaarchiver.archive.EventTimeRotation;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.parquet.ParquetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings as a user writes them: defaults, file and environment overrides, and bad values named. */
class ArchiveSettingsTest {

    @TempDir
    Path dir;

    private Properties withTopics(Map<String, String> env) {
        return SettingsSource.load(dir, env);
    }

    private ArchiveSettings settings(String... keyValues) {
        Properties p = SettingsSource.load(dir, Map.of());
        p.setProperty("archive.topics", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ArchiveSettings.from(p);
    }

    @Test
    void defaultsWorkOnceTopicsAreGiven() {
        ArchiveSettings s = settings();
        assertThat(s.format()).isEqualTo(MakVersion.V2);
        assertThat(s.compression()).isEqualTo(Compression.GZIP);
        assertThat(s.objectCompression()).isEqualTo(Compression.GZIP);
        assertThat(s.parquet()).isEmpty();
        assertThat(s.rotateMaxAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.rotateMaxBytes()).isEqualTo(256L << 20);
        assertThat(s.archive().store()).isInstanceOfSatisfying(S3Settings.class, s3 -> assertThat(s3.hasStaticCredentials()).isFalse());
        assertThat(s.topics()).containsExactly("orders");
    }

    @Test
    void parquetObjectsAreMadeFromMakV2WorkFilesWithZstdPagesAndRowGroupsOf64MB() {
        ArchiveSettings s = settings("archive.format", "parquet");
        assertThat(s.format()).as("the work files").isEqualTo(MakVersion.V2);
        assertThat(s.objectCompression()).isEqualTo(Compression.PARQUET);
        assertThat(s.parquet()).contains(new ParquetOptions(ParquetOptions.Codec.ZSTD, 64L << 20));
        assertThat(settings("archive.format", " Parquet ", "archive.parquet.compression", "snappy", "archive.parquet.row-group-size", "16MB").parquet())
                .contains(new ParquetOptions(ParquetOptions.Codec.SNAPPY, 16L << 20));
        assertThatThrownBy(() -> settings("archive.format", "parquet", "archive.parquet.compression", "lz4")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.parquet.compression: unknown Parquet page compression 'lz4' (accepted: zstd, gzip, snappy, none)");
        assertThatThrownBy(() -> settings("archive.format", "parquet", "archive.parquet.row-group-size", "0")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.parquet.row-group-size: must be more than 0");
        // Checked whatever the format.
        assertThatThrownBy(() -> settings("archive.parquet.compression", "lz4")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.parquet.compression: unknown");
    }

    @Test
    void rebalancesMoveOnlyWhatMustMoveAndStaticMembershipIsOneSetting() {
        assertThat(settings().consumerProperties())
                .containsEntry("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")
                .doesNotContainKey("group.instance.id");
        assertThat(settings("kafka.group-instance-id", "archiver-0").consumerProperties()).containsEntry("group.instance.id", "archiver-0");
        assertThat(settings().handOffBudget()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings().minFreeDisk()).isEqualTo(256L << 20);
    }

    @Test
    void aDirectoryIsChosenByOneSettingAndMustExist() throws Exception {
        Path root = Files.createDirectories(dir.resolve("archive"));
        assertThat(settings("archive.store", "file", "file.root", root.toString()).archive().store())
                .isEqualTo(new FileSettings(root.toAbsolutePath()));
        assertThat(StoredArchive.from(properties("archive.store", "file", "file.root", root.toString())).store().describe())
                .isEqualTo("directory " + root.toAbsolutePath());

        assertThatThrownBy(() -> settings("archive.store", "file")).isInstanceOf(SettingsException.class)
                .hasMessage("file.root: must not be empty");
        assertThatThrownBy(() -> settings("archive.store", "file", "file.root", dir.resolve("unmounted").toString()))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("file.root: " + dir.resolve("unmounted") + " does not exist: create it");
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertThatThrownBy(() -> settings("archive.store", "file", "file.root", file.toString()))
                .isInstanceOf(SettingsException.class).hasMessage("file.root: " + file.toAbsolutePath() + " is not a directory: name the archive's directory");
        // A directory the archive cannot make its folders in (here, a file stands where one goes): named at opening.
        Path blocked = Files.createDirectories(dir.resolve("blocked"));
        Files.writeString(blocked.resolve(".kafka-archiver"), "");
        StoreSettings unusable = settings("archive.store", "file", "file.root", blocked.toString()).archive().store();
        assertThatThrownBy(() -> Stores.open(unusable)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("file.root: cannot prepare directory " + blocked.toAbsolutePath() + " (file.root) for the archive: "
                        + blocked.toAbsolutePath().resolve(".kafka-archiver"));
        assertThatThrownBy(() -> settings("archive.store", "minio")).isInstanceOf(SettingsException.class)
                .hasMessage("archive.store: 'minio' is not one of: s3, gcs, azure, file");
    }

    @Test
    void anotherStoresPlaceGivenWhileArchiveStoreWasLeftAsItWasIsToldWithTheSettingToChange() {
        assertThat(StoreSettings.unusedElsewhere(new SettingReader(properties("file.root", "/mnt/archive/kafka", "azure.account", "acct"))))
                .containsExactly("file.root is set (/mnt/archive/kafka), but archive.store is s3: it is not used. To archive to that"
                                + " directory, set archive.store = file",
                        "azure.account is set, but archive.store is s3: it is not used. To archive to Azure Blob Storage, set archive.store = azure");
        assertThat(StoreSettings.unusedElsewhere(new SettingReader(properties("archive.store", "azure", "azure.connection-string",
                "AccountName=a;AccountKey=secret", "file.root", "")))).as("the chosen store's own, and empty ones").isEmpty();
        assertThat(StoreSettings.unusedElsewhere(new SettingReader(properties()))).as("the settings as shipped").isEmpty();
    }

    private Properties properties(String... keyValues) {
        Properties p = SettingsSource.load(dir, Map.of());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aHandOffBudgetOfNothingIsRefusedByName() {
        assertThatThrownBy(() -> settings("archive.handoff.budget", "0s")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("archive.handoff.budget");
        assertThatThrownBy(() -> settings("archive.min-free-disk", "lots")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("archive.min-free-disk");
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesBoth() throws Exception {
        Files.writeString(dir.resolve("application.properties"), "archive.topics = a, b\narchive.rotate.max-age = 5m\narchive.compression = zstd\n");
        Properties p = withTopics(Map.of("ARCHIVE_ROTATE_MAX_AGE", "30s"));
        ArchiveSettings s = ArchiveSettings.from(p);
        assertThat(s.topics()).containsExactly("a", "b");
        assertThat(s.rotateMaxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.compression()).isEqualTo(Compression.ZSTD);
    }

    /** Settings files and deployments from before the rename keep working, said once at startup. */
    @Test
    void theKeyTemplateAndManifestPrefixAreStillReadByTheirFormerS3Names() throws Exception {
        Files.writeString(dir.resolve("application.properties"), "archive.topics = a\ns3.key-template = kafkatos3\n");
        Properties p = withTopics(Map.of("S3_MANIFEST_PREFIX", "index"));
        StoredArchive archive = ArchiveSettings.from(p).archive();
        assertThat(archive.keyTemplate()).isEqualTo("kafkatos3");
        assertThat(archive.manifestPrefix()).isEqualTo("index");
        assertThat(StoredArchive.from(p)).isEqualTo(archive);

        assertThatThrownBy(() -> settings("archive.key-template", "bifrost", "s3.key-template", "kafkatos3")).isInstanceOf(SettingsException.class)
                .hasMessage("archive.key-template: set it or s3.key-template (its former name), not both ('bifrost' and 'kafkatos3')");
        assertThat(settings("archive.key-template", "bifrost", "s3.key-template", "bifrost").archive().keyTemplate()).isEqualTo("bifrost");
    }

    /** Kafka's properties are not among the defaults, yet a deployment sets its login from the environment. */
    @Test
    void anyKafkaConsumerPropertyIsSetByItsEnvironmentVariable() {
        String login = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"archiver\" password=\"pw\";";
        Properties p = withTopics(Map.of("ARCHIVE_TOPICS", "orders", "KAFKA_CONSUMER_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_CONSUMER_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_CONSUMER_SASL_JAAS_CONFIG", login,
                "KAFKA_CONSUMER_NOT_A_KAFKA_SETTING", "ignored"));
        ArchiveSettings s = ArchiveSettings.from(p);
        assertThat(s.consumerProperties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", login)
                .doesNotContainKey("not.a.kafka.setting");
        assertThat(KafkaConnection.from(p).securityProperties()).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
    }

    @Test
    void durationsAndSizesReadAsWritten() {
        ArchiveSettings s = settings("archive.rotate.max-age", "500ms", "archive.rotate.max-bytes", "64KB",
                "archive.upload.max-delay", "1h");
        assertThat(s.rotateMaxAge()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.rotateMaxBytes()).isEqualTo(64 * 1024);
        assertThat(s.uploadMaxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(settings("archive.rotate.max-bytes", "1GB").rotateMaxBytes()).isEqualTo(1L << 30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "archive.rotate.max-age   | 5 minutes | archive.rotate.max-age: '5 minutes' is not a duration",
            "archive.rotate.max-bytes | lots      | archive.rotate.max-bytes: 'lots' is not a size",
            "archive.format           | mak3      | archive.format: unknown format 'mak3' (accepted: mak1, mak2, parquet)",
            "archive.compression      | parquet   | archive.compression: unknown compression 'parquet' (accepted: none, gzip, zstd)",
            "archive.compression      | lz4       | archive.compression: unknown compression 'lz4' (accepted: none, gzip, zstd)",
            "s3.path-style            | yes       | s3.path-style: 'yes' is not true or false",
            "s3.endpoint              | nohost    | s3.endpoint: 'nohost' is not a URL",
            "s3.sse                   | DES       | s3.sse: 'DES' is not one of",
            "archive.key-template          | {topic}/{start} | archive.key-template: '{topic}/{start}' must contain {topic}, {partition} and {start}",
            "archive.topic-pattern    | (         | archive.topics: set archive.topics or archive.topic-pattern, not both",
            "archive.rotate.maxage    | 5m        | archive.rotate.maxage: unknown setting",
            "archive.upload.max-attempts | 0      | archive.upload.max-attempts: '0' is not a whole number above 0",
            "kafka.consumer.max.poll.records | lots | kafka.consumer.max.poll.records: 'lots' is not valid: Not a number of type INT",
            "archive.groups           | (         | archive.groups: '(' is not a regular expression",
            "archive.groups.interval  | often     | archive.groups.interval: 'often' is not a duration",
            "archive.topic-metadata.interval | 0s | archive.topic-metadata.interval: must be more than 0",
            "kafka.consumer.isolation.level | dirty | kafka.consumer.isolation.level: 'dirty' is not valid: String must be one of: read_committed, read_uncommitted",
    })
    void badValuesNameTheProperty(String key, String value, String message) {
        assertThatThrownBy(() -> settings(key, value)).isInstanceOf(SettingsException.class).hasMessageStartingWith(message);
    }

    @Test
    void anEventTimeLayoutNeedsTheRotationItsPlaceholdersName() {
        String hive = "{topic}/date={date}/hour={hour}/{partition}-{start}{ext}";
        assertThat(settings().rotateEventTime()).isEqualTo(EventTimeRotation.NONE);
        assertThat(settings("archive.rotate.event-time", "hour", "archive.key-template", hive).rotateEventTime()).isEqualTo(EventTimeRotation.HOUR);
        assertThat(settings("archive.rotate.event-time", "day", "archive.key-template", "{topic}/dt={date}/{partition}/{start}").rotateEventTime())
                .isEqualTo(EventTimeRotation.DAY);
        assertThat(settings("archive.rotate.event-time", "hour", "archive.key-template", "{topic}/{date}/{partition}/{start}").rotateEventTime())
                .as("{date} with hourly files: each object still holds one day's records").isEqualTo(EventTimeRotation.HOUR);
        assertThat(settings("archive.rotate.event-time", "day").rotateEventTime()).as("the rule without the placeholders").isEqualTo(EventTimeRotation.DAY);

        assertThatThrownBy(() -> settings("archive.key-template", hive)).isInstanceOf(SettingsException.class)
                .hasMessage("archive.key-template: {hour} needs archive.rotate.event-time=hour (it is none), so that each object holds one hour's records");
        assertThatThrownBy(() -> settings("archive.rotate.event-time", "day", "archive.key-template", hive))
                .hasMessage("archive.key-template: {hour} needs archive.rotate.event-time=hour (it is day), so that each object holds one hour's records");
        assertThatThrownBy(() -> settings("archive.key-template", "{topic}/{date}/{partition}/{start}"))
                .hasMessage("archive.key-template: {date} needs archive.rotate.event-time=day (or hour), so that each object holds one day's records");
        assertThatThrownBy(() -> settings("archive.rotate.event-time", "hour", "archive.format", "mak1"))
                .hasMessage("archive.rotate.event-time: needs the records' timestamps, which mak1 does not keep: set archive.format=mak2, "
                        + "or archive.rotate.event-time=none");
        assertThatThrownBy(() -> settings("archive.rotate.event-time", "minute"))
                .hasMessage("archive.rotate.event-time: 'minute' is not one of: none, hour, day");
    }

    @Test
    void everyConsumerGroupIsRecordedEveryMinuteUnlessArchiveGroupsIsEmpty() {
        ArchiveSettings.SnapshotSettings defaults = settings().snapshots();
        assertThat(defaults.groups()).hasValueSatisfying(p -> assertThat(p.pattern()).isEqualTo(".*"));
        assertThat(defaults.groupsInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.topicMetadataInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings("archive.groups", " ").snapshots().groups()).isEmpty();
        assertThat(settings("archive.groups.interval", "10s").routeProperties()).containsEntry("archive.groups.interval-ms", "10000");
    }

    @Test
    void consumerPropertiesTheConsumerDoesNotDefinePassForPlugins() {
        assertThat(settings("kafka.consumer.my.interceptor.endpoint", "http://x").consumerProperties())
                .containsEntry("my.interceptor.endpoint", "http://x");
    }

    @Test
    void aBadPatternIsNamed() {
        Properties p = SettingsSource.load(dir, Map.of());
        p.setProperty("archive.topic-pattern", "orders.(");
        assertThatThrownBy(() -> ArchiveSettings.from(p)).hasMessageStartingWith("archive.topic-pattern: 'orders.(' is not a regular expression");
    }

    @Test
    void noTopicsIsAnError() {
        assertThatThrownBy(() -> ArchiveSettings.from(SettingsSource.load(dir, Map.of())))
                .hasMessageStartingWith("archive.topics: no topics to archive");
    }

    @Test
    void credentialsComeInPairsAndSecretsStayOutOfToString() {
        assertThatThrownBy(() -> settings("s3.access-key", "AKIA1")).hasMessageStartingWith("s3.secret-key:");
        ArchiveSettings s = settings("s3.access-key", "AKIA1", "s3.secret-key", "hunter2",
                "kafka.consumer.sasl.jaas.config", "login password=\"pw\";");
        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("pw").contains("AKIA1");
        assertThat(s.consumerProperties()).containsEntry("sasl.jaas.config", "login password=\"pw\";");
    }
}
