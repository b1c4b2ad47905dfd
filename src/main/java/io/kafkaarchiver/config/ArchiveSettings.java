package io.kafkaarchiver.config;

import io.kafkaarchiver.archive.EventTimeRotation;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.parquet.ParquetOptions;
import io.kafkaarchiver.parquet.ParquetSupport;
import io.kafkaarchiver.upload.ObjectKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Every setting of the archiver, read and checked once at startup. A missing, unknown or malformed
 * property stops startup with a message that names it and says what it accepts.
 */
public record ArchiveSettings(
        String brokers,
        String groupId,
        List<String> topics,
        Pattern topicPattern,
        Duration topicRefresh,
        Map<String, String> consumerProperties,
        Path workDir,
        MakVersion format,
        Compression compression,
        Optional<ParquetOptions> parquet,
        Duration rotateMaxAge,
        long rotateMaxBytes,
        long rotateMaxRecords,
        EventTimeRotation rotateEventTime,
        Duration rotateCheckInterval,
        int uploadMaxAttempts,
        Duration uploadInitialDelay,
        Duration uploadMaxDelay,
        Duration quarantineRetryAfter,
        Duration handOffBudget,
        long minFreeDisk,
        String deadLetterUri,
        Duration healthMaxStall,
        StoredArchive archive,
        SnapshotSettings snapshots) {

    /** Kafka consumer properties given as {@code kafka.consumer.<name>} go to the consumer as {@code <name>}. */
    public static final String CONSUMER_PREFIX = "kafka.consumer.";

    static final Set<String> KEYS = keys(
            "kafka.brokers", "kafka.group-id", "kafka.group-instance-id", "archive.topics", "archive.topic-pattern", "archive.topic-refresh",
            "archive.work-dir", "archive.format", "archive.compression", "archive.parquet.compression", "archive.parquet.row-group-size",
            "archive.rotate.max-age", "archive.rotate.max-bytes", "archive.rotate.max-records", "archive.rotate.event-time",
            "archive.rotate.check-interval",
            "archive.upload.max-attempts", "archive.upload.initial-delay", "archive.upload.max-delay",
            "archive.quarantine.retry-after", "archive.handoff.budget", "archive.min-free-disk", "archive.dead-letter-uri", "archive.health.max-stall",
            "archive.groups", "archive.groups.interval", "archive.topic-metadata.interval", "archive.store", FileSettings.ROOT,
            StoredArchive.KEY_TEMPLATE, StoredArchive.MANIFEST_PREFIX,
            "s3.bucket", "s3.endpoint", "s3.region", "s3.path-style", "s3.access-key", "s3.secret-key",
            "s3.sse", "s3.sse-kms-key-id", "s3.part-size");

    private static Set<String> keys(String... own) {
        return Stream.concat(Stream.of(own), AzureSettings.KEYS.stream()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What is recorded beside the archive about each archived topic: its partitions and configuration,
     * every {@code topicMetadataInterval}, and the committed offsets of the consumer groups {@code groups}
     * matches (empty: none), every {@code groupsInterval}.
     */
    public record SnapshotSettings(Optional<Pattern> groups, Duration groupsInterval, Duration topicMetadataInterval) {

        private static SnapshotSettings read(SettingReader r) {
            String groups = r.get("archive.groups").trim();
            return new SnapshotSettings(groups.isEmpty() ? Optional.empty() : Optional.of(r.pattern("archive.groups", groups)),
                    r.duration("archive.groups.interval"), r.duration("archive.topic-metadata.interval"));
        }
    }

    /**
     * How a completed file becomes its object: {@link #compression} for MAK objects, {@link Compression#PARQUET} with
     * {@code archive.format=parquet}.
     */
    public Compression objectCompression() {
        return parquet.isPresent() ? Compression.PARQUET : compression;
    }

    /** How the archiver's clients reach Kafka: brokers, TLS and SASL, as {@link #from} checked them. */
    public KafkaConnection kafka() {
        return KafkaConnection.ofChecked(brokers, consumerProperties);
    }

    public boolean subscribesByPattern() {
        return topicPattern != null;
    }

    /** What the Kafka endpoint subscribes to: the topic list, or the pattern. */
    public String subscription() {
        return subscribesByPattern() ? topicPattern.pattern() : String.join(",", topics);
    }

    /**
     * Values the route files use that are derived from the settings: the subscription, durations in
     * the milliseconds Camel's options take, and how many files are compressed at once.
     */
    public Map<String, String> routeProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("archive.subscription", subscription());
        p.put("archive.subscription-is-pattern", Boolean.toString(subscribesByPattern()));
        p.put("archive.topic-refresh-ms", Long.toString(topicRefresh.toMillis()));
        // Compression is CPU-bound: one file at a time per core.
        p.put("archive.compression-threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("archive.upload.max-redeliveries", Integer.toString(uploadMaxAttempts - 1));
        p.put("archive.upload.initial-delay-ms", Long.toString(uploadInitialDelay.toMillis()));
        p.put("archive.upload.max-delay-ms", Long.toString(uploadMaxDelay.toMillis()));
        p.put("archive.quarantine.retry-after-ms", Long.toString(quarantineRetryAfter.toMillis()));
        p.put("archive.handoff.budget-ms", Long.toString(handOffBudget.toMillis()));
        p.put("archive.groups.interval-ms", Long.toString(snapshots.groupsInterval().toMillis()));
        p.put("archive.topic-metadata.interval-ms", Long.toString(snapshots.topicMetadataInterval().toMillis()));
        return p;
    }

    @Override
    public String toString() {
        Map<String, String> masked = consumerProperties.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> isSecret(e.getKey()) ? "****" : e.getValue(), (a, b) -> a, LinkedHashMap::new));
        return "ArchiveSettings[brokers=" + brokers + ", groupId=" + groupId + ", subscription=" + subscription()
                + ", consumerProperties=" + masked + ", workDir=" + workDir
                + parquet.map(p -> ", format=parquet (work files " + format + "), parquet.compression=" + p.codec().settingName()
                        + ", parquet.row-group-size=" + p.rowGroupSize()).orElse(", format=" + format + ", compression=" + compression.settingName())
                + ", rotate=" + rotateMaxAge + "/" + rotateMaxBytes + "B/"
                + rotateMaxRecords + " records" + (rotateEventTime == EventTimeRotation.NONE ? "" : "/event-time " + rotateEventTime.settingName())
                + ", " + archive + "]";
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase();
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key");
    }

    /** Reads and checks every setting; {@code props} holds the defaults already merged with the user's overrides. */
    public static ArchiveSettings from(Properties given) {
        Properties props = RenamedSettings.resolve(given);
        SettingReader r = new SettingReader(props);
        r.rejectUnknown();
        List<String> topics = Arrays.stream(r.get("archive.topics").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        String patternText = r.get("archive.topic-pattern").trim();
        if (topics.isEmpty() == patternText.isEmpty()) {
            throw new SettingsException("archive.topics", topics.isEmpty()
                    ? "no topics to archive: set archive.topics (a comma list) or archive.topic-pattern (a regex)"
                    : "set archive.topics or archive.topic-pattern, not both");
        }
        Pattern pattern = patternText.isEmpty() ? null : r.pattern("archive.topic-pattern", patternText);
        Map<String, String> consumer = new LinkedHashMap<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (key.startsWith(CONSUMER_PREFIX)) {
                consumer.put(key.substring(CONSUMER_PREFIX.length()), props.getProperty(key).trim());
            }
        }
        String instanceId = r.get("kafka.group-instance-id").trim();
        if (!instanceId.isEmpty()) {
            // Static membership (KIP-345): a restart within the session timeout moves no partition.
            consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        ConsumerProperties.check(consumer);
        // Before the consumer or any other client is made: Kafka's would refuse a bad store or login in a stack trace.
        ClientSecurityCheck.check(consumer);
        StoredArchive archive = StoredArchive.read(r);
        String groupId = r.required("kafka.group-id");
        Compression compression = r.parsed("archive.compression", Compression::fromSettingName);
        Optional<ParquetOptions> parquet = parquet(r);
        ObjectKeys keys;
        try {
            keys = ObjectKeys.of(archive.keyTemplate(), groupId, parquet.isPresent() ? Compression.PARQUET : compression);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(StoredArchive.KEY_TEMPLATE, e.getMessage());
        }
        MakVersion format = parquet.isPresent() ? MakVersion.V2 : r.parsed("archive.format", ArchiveSettings::makFormat);
        EventTimeRotation eventTime = r.parsed("archive.rotate.event-time", EventTimeRotation::fromSettingName);
        checkEventTime(keys, eventTime, format);
        return new ArchiveSettings(
                r.required("kafka.brokers"),
                groupId,
                topics,
                pattern,
                r.duration("archive.topic-refresh"),
                Map.copyOf(consumer),
                Path.of(r.required("archive.work-dir")),
                format,
                compression,
                parquet,
                r.duration("archive.rotate.max-age"),
                r.positiveSize("archive.rotate.max-bytes"),
                r.positiveLong("archive.rotate.max-records"),
                eventTime,
                r.duration("archive.rotate.check-interval"),
                (int) r.positiveLong("archive.upload.max-attempts"),
                r.duration("archive.upload.initial-delay"),
                r.duration("archive.upload.max-delay"),
                r.duration("archive.quarantine.retry-after"),
                r.duration("archive.handoff.budget"),
                r.size("archive.min-free-disk"),
                r.required("archive.dead-letter-uri"),
                r.duration("archive.health.max-stall"),
                archive,
                SnapshotSettings.read(r));
    }

    /** What {@code archive.format} names, besides a MAK version: Parquet objects (made from MAK v2 work files). */
    public static final String PARQUET = "parquet";

    private static MakVersion makFormat(String name) {
        try {
            return MakVersion.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name.trim() + "' (accepted: " + MakVersion.acceptedNames() + ", " + PARQUET + ")");
        }
    }

    /** {@code archive.parquet.*} alone, for {@code convert}, which writes Parquet objects whatever the archiver's format. */
    public static ParquetOptions parquetOptions(Properties props) {
        return parquetOptions(new SettingReader(props));
    }

    private static ParquetOptions parquetOptions(SettingReader r) {
        return new ParquetOptions(r.parsed("archive.parquet.compression", ParquetOptions.Codec::fromSettingName),
                r.positiveSize("archive.parquet.row-group-size"));
    }

    /**
     * {@code archive.format=parquet}: the work files are MAK v2 (the journal a crash resumes), each made into a Parquet
     * object when it rotates, as {@code archive.parquet.*} say; empty for MAK objects.
     */
    private static Optional<ParquetOptions> parquet(SettingReader r) {
        // Checked whatever the format: a bad value is found before the day the format changes.
        ParquetOptions options = parquetOptions(r);
        if (!r.get("archive.format").trim().equalsIgnoreCase(PARQUET)) {
            return Optional.empty();
        }
        if (!ParquetSupport.available()) {
            throw new SettingsException("archive.format", "parquet needs Apache Parquet's classes (parquet-hadoop and what it brings), which "
                    + "this runtime lacks: add them (the runnable jar has them; the Karaf bundle does not), or use mak2");
        }
        return Optional.of(options);
    }

    /**
     * {@code {hour}} in the key template needs files kept to one hour ({@code archive.rotate.event-time=hour}), and
     * {@code {date}} to one hour or day, or a key would name the first record's hour or day but not its other records';
     * and the records need their timestamps, which MAK v1 does not keep.
     */
    private static void checkEventTime(ObjectKeys keys, EventTimeRotation eventTime, MakVersion format) {
        if (keys.uses("hour") && eventTime != EventTimeRotation.HOUR) {
            throw new SettingsException(StoredArchive.KEY_TEMPLATE, "{hour} needs archive.rotate.event-time=hour (it is "
                    + eventTime.settingName() + "), so that each object holds one hour's records");
        }
        if (keys.uses("date") && eventTime == EventTimeRotation.NONE) {
            throw new SettingsException(StoredArchive.KEY_TEMPLATE, "{date} needs archive.rotate.event-time=day (or hour), so that each object "
                    + "holds one day's records");
        }
        if (eventTime != EventTimeRotation.NONE && format == MakVersion.V1) {
            throw new SettingsException("archive.rotate.event-time", "needs the records' timestamps, which " + format.cliName()
                    + " does not keep: set archive.format=" + MakVersion.V2.cliName() + ", or archive.rotate.event-time=none");
        }
    }
}
