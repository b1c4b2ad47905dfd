package io.kafkaarchiver.config;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.parquet.ParquetOptions;
import io.kafkaarchiver.parquet.ParquetSupport;
import io.kafkaarchiver.upload.ObjectKeys;
import io.kafkaarchiver.upload.StoreAddress;
import java.net.URI;
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
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

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
        Duration rotateCheckInterval,
        int uploadMaxAttempts,
        Duration uploadInitialDelay,
        Duration uploadMaxDelay,
        Duration quarantineRetryAfter,
        Duration handOffBudget,
        long minFreeDisk,
        String deadLetterUri,
        Duration healthMaxStall,
        S3Settings s3,
        SnapshotSettings snapshots) {

    /** Kafka consumer properties given as {@code kafka.consumer.<name>} go to the consumer as {@code <name>}. */
    public static final String CONSUMER_PREFIX = "kafka.consumer.";

    static final Set<String> KEYS = Set.of(
            "kafka.brokers", "kafka.group-id", "kafka.group-instance-id", "archive.topics", "archive.topic-pattern", "archive.topic-refresh",
            "archive.work-dir", "archive.format", "archive.compression", "archive.parquet.compression", "archive.parquet.row-group-size",
            "archive.rotate.max-age",
            "archive.rotate.max-bytes", "archive.rotate.max-records", "archive.rotate.check-interval",
            "archive.upload.max-attempts", "archive.upload.initial-delay", "archive.upload.max-delay",
            "archive.quarantine.retry-after", "archive.handoff.budget", "archive.min-free-disk", "archive.dead-letter-uri", "archive.health.max-stall",
            "archive.groups", "archive.groups.interval", "archive.topic-metadata.interval",
            "s3.bucket", "s3.endpoint", "s3.region", "s3.path-style", "s3.access-key", "s3.secret-key",
            "s3.key-template", "s3.sse", "s3.sse-kms-key-id", "s3.manifest-prefix", "s3.part-size");

    /** The S3 side: where objects go, how they are named and encrypted, and whose credentials upload them. */
    public record S3Settings(String bucket, URI endpoint, String region, boolean pathStyle, String accessKey,
                             String secretKey, String keyTemplate, String sse, String sseKmsKeyId, String manifestPrefix,
                             long partSize) {

        /** S3 takes no part smaller than this, but the last. */
        static final long MIN_PART_SIZE = 5L << 20;

        /** Reads and checks the {@code s3.*} settings alone: all that commands reading the archive need. */
        public static S3Settings from(Properties props) {
            Reader r = new Reader(props);
            r.rejectUnknown();
            return read(r);
        }

        private static S3Settings read(Reader r) {
            S3Settings s3 = new S3Settings(
                    r.required("s3.bucket"),
                    r.uri("s3.endpoint"),
                    r.required("s3.region"),
                    r.bool("s3.path-style"),
                    r.get("s3.access-key").trim(),
                    r.get("s3.secret-key").trim(),
                    r.required("s3.key-template"),
                    r.oneOf("s3.sse", "", "AES256", "aws:kms"),
                    r.get("s3.sse-kms-key-id").trim(),
                    r.required("s3.manifest-prefix"),
                    r.positiveSize("s3.part-size"));
            if (s3.partSize() < MIN_PART_SIZE) {
                throw new SettingsException("s3.part-size", s3.partSize() + " bytes is less than S3's smallest part, 5MB");
            }
            if (s3.accessKey().isEmpty() != s3.secretKey().isEmpty()) {
                throw new SettingsException("s3.secret-key", "set both s3.access-key and s3.secret-key, or neither (then the AWS default credentials chain is used)");
            }
            if (s3.manifestPrefix().startsWith("/")) {
                throw new SettingsException("s3.manifest-prefix", "'" + s3.manifestPrefix() + "' must not start with '/'");
            }
            return s3;
        }

        /** An S3 client for these settings: static credentials when given, else the AWS default chain (IAM roles). */
        public S3Client newClient() {
            AwsCredentialsProvider credentials = hasStaticCredentials()
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                    : DefaultCredentialsProvider.builder().build();
            var builder = S3Client.builder()
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .region(Region.of(region))
                    .forcePathStyle(pathStyle)
                    .credentialsProvider(credentials);
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        }

        /** The store as messages name it. */
        public StoreAddress address() {
            return new StoreAddress(bucket, endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString(), region, hasStaticCredentials());
        }

        /** Static credentials, or none: then the AWS default chain (environment, profile, IAM role) applies. */
        public boolean hasStaticCredentials() {
            return !accessKey.isEmpty();
        }

        @Override
        public String toString() {
            return "S3Settings[bucket=" + bucket + ", endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                    + ", pathStyle=" + pathStyle + ", accessKey=" + (accessKey.isEmpty() ? "(default chain)" : accessKey)
                    + ", secretKey=" + (secretKey.isEmpty() ? "" : "****") + ", keyTemplate=" + keyTemplate
                    + ", sse=" + sse + ", manifestPrefix=" + manifestPrefix + "]";
        }
    }

    /**
     * What is recorded beside the archive about each archived topic: its partitions and configuration,
     * every {@code topicMetadataInterval}, and the committed offsets of the consumer groups {@code groups}
     * matches (empty: none), every {@code groupsInterval}.
     */
    public record SnapshotSettings(Optional<Pattern> groups, Duration groupsInterval, Duration topicMetadataInterval) {

        private static SnapshotSettings read(Reader r) {
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
        p.put("s3.part-size-bytes", Long.toString(s3.partSize()));
        // As checked: the route files build the S3 steps from them.
        p.put("s3.bucket", s3.bucket());
        p.put("s3.sse", s3.sse());
        p.put("s3.sse-kms-key-id", s3.sseKmsKeyId());
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
                + rotateMaxRecords + " records, " + s3 + "]";
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase();
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key");
    }

    /** Reads and checks every setting; {@code props} holds the defaults already merged with the user's overrides. */
    public static ArchiveSettings from(Properties props) {
        Reader r = new Reader(props);
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
        S3Settings s3 = S3Settings.read(r);
        String groupId = r.required("kafka.group-id");
        Compression compression = r.parsed("archive.compression", Compression::fromSettingName);
        Optional<ParquetOptions> parquet = parquet(r);
        try {
            ObjectKeys.of(s3.keyTemplate(), groupId, parquet.isPresent() ? Compression.PARQUET : compression);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("s3.key-template", e.getMessage());
        }
        return new ArchiveSettings(
                r.required("kafka.brokers"),
                groupId,
                topics,
                pattern,
                r.duration("archive.topic-refresh"),
                Map.copyOf(consumer),
                Path.of(r.required("archive.work-dir")),
                parquet.isPresent() ? MakVersion.V2 : r.parsed("archive.format", ArchiveSettings::makFormat),
                compression,
                parquet,
                r.duration("archive.rotate.max-age"),
                r.positiveSize("archive.rotate.max-bytes"),
                r.positiveLong("archive.rotate.max-records"),
                r.duration("archive.rotate.check-interval"),
                (int) r.positiveLong("archive.upload.max-attempts"),
                r.duration("archive.upload.initial-delay"),
                r.duration("archive.upload.max-delay"),
                r.duration("archive.quarantine.retry-after"),
                r.duration("archive.handoff.budget"),
                r.size("archive.min-free-disk"),
                r.required("archive.dead-letter-uri"),
                r.duration("archive.health.max-stall"),
                s3,
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

    /**
     * {@code archive.format=parquet}: the work files are MAK v2 (the journal a crash resumes), each made into a Parquet
     * object when it rotates, as {@code archive.parquet.*} say; empty for MAK objects.
     */
    private static Optional<ParquetOptions> parquet(Reader r) {
        // Checked whatever the format: a bad value is found before the day the format changes.
        ParquetOptions options = new ParquetOptions(r.parsed("archive.parquet.compression", ParquetOptions.Codec::fromSettingName),
                r.positiveSize("archive.parquet.row-group-size"));
        if (!r.get("archive.format").trim().equalsIgnoreCase(PARQUET)) {
            return Optional.empty();
        }
        if (!ParquetSupport.available()) {
            throw new SettingsException("archive.format", "parquet needs Apache Parquet's classes (parquet-hadoop and what it brings), which "
                    + "this runtime lacks: add them (the runnable jar has them; the Karaf bundle does not), or use mak2");
        }
        return Optional.of(options);
    }

    /** Looks settings up by name and turns each malformed value into a message that names it. */
    private record Reader(Properties props) {

        void rejectUnknown() {
            for (String key : props.stringPropertyNames()) {
                boolean ours = key.startsWith("archive.") || key.startsWith("s3.") || key.startsWith("kafka.");
                if (ours && !KEYS.contains(key) && !key.startsWith(CONSUMER_PREFIX)) {
                    throw new SettingsException(key, "unknown setting (known: " + String.join(", ", new TreeSet<>(KEYS))
                            + ", and kafka.consumer.* for any Kafka consumer property)");
                }
            }
        }

        String get(String key) {
            String value = props.getProperty(key);
            if (value == null) {
                throw new SettingsException(key, "missing");
            }
            return value;
        }

        String required(String key) {
            String value = get(key).trim();
            if (value.isEmpty()) {
                throw new SettingsException(key, "must not be empty");
            }
            return value;
        }

        <T> T parsed(String key, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(get(key));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(key, e.getMessage());
            }
        }

        Duration duration(String key) {
            Duration d = SettingValues.duration(key, get(key));
            if (d.isZero()) {
                throw new SettingsException(key, "must be more than 0");
            }
            return d;
        }

        long size(String key) {
            return SettingValues.size(key, get(key));
        }

        long positiveSize(String key) {
            long size = SettingValues.size(key, get(key));
            if (size <= 0) {
                throw new SettingsException(key, "must be more than 0");
            }
            return size;
        }

        long positiveLong(String key) {
            String value = get(key).trim();
            try {
                long n = Long.parseLong(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new SettingsException(key, "'" + value + "' is not a whole number above 0");
        }

        Pattern pattern(String key, String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new SettingsException(key, "'" + value + "' is not a regular expression: " + e.getDescription());
            }
        }

        boolean bool(String key) {
            String value = get(key).trim();
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new SettingsException(key, "'" + value + "' is not true or false");
            }
            return Boolean.parseBoolean(value);
        }

        String oneOf(String key, String... accepted) {
            String value = get(key).trim();
            for (String a : accepted) {
                if (a.equals(value)) {
                    return value;
                }
            }
            throw new SettingsException(key, "'" + value + "' is not one of: " + Arrays.stream(accepted)
                    .map(a -> a.isEmpty() ? "(empty)" : a).collect(Collectors.joining(", ")));
        }

        URI uri(String key) {
            String value = get(key).trim();
            if (value.isEmpty()) {
                return null;
            }
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new SettingsException(key, "'" + value + "' is not a URL like http://127.0.0.1:9000 (leave it empty for AWS)");
            }
        }
    }
}
