package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.config.ArchiveSettings.S3Settings;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.restore.ArchivedTopics;
import io.kafkaarchiver.topics.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the archive is, for the commands that read it (ls, verify, restore): the same settings the
 * archiver runs with (the jar's defaults, ./application.properties, environment variables), with
 * the bucket and the Kafka brokers overridable on the command line.
 */
final class ArchiveLocation {

    @Option(names = "--settings", paramLabel = "FILE",
            description = "The archiver's settings file (default: ./application.properties; environment variables override it).")
    Path settingsFile;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "The archive's bucket (default: s3.bucket from the settings).")
    String bucket;

    @Option(names = "--brokers", paramLabel = "HOST:PORT,...", description = "Kafka bootstrap servers (default: kafka.brokers from the settings).")
    String brokers;

    /** The settings as the archiver reads them, before --bucket and --brokers. */
    private Properties written() {
        Path file = settingsFile != null ? settingsFile : Path.of(SettingsSource.FILE_NAME).toAbsolutePath();
        if (settingsFile != null && !Files.isRegularFile(settingsFile)) {
            throw new SettingsException(settingsFile.toString(), "no such settings file (--settings)");
        }
        return SettingsSource.loadFile(file, System.getenv());
    }

    /** The settings, with --bucket and --brokers applied. */
    Properties settings() {
        Properties p = written();
        if (bucket != null) {
            p.setProperty("s3.bucket", bucket);
        }
        if (brokers != null) {
            p.setProperty("kafka.brokers", brokers);
        }
        return p;
    }

    S3Settings s3() {
        return S3Settings.from(settings());
    }

    KafkaConnection kafka() {
        return KafkaConnection.from(settings());
    }

    /** What the archiver these settings run archives, and to which bucket (whatever --bucket says). */
    ArchivedTopics archivedTopics() {
        return ArchivedTopics.from(written());
    }

    /** The archive's catalog, through {@code client} (which the caller closes). */
    ArchiveCatalog catalog(S3Settings s3, S3Client client) {
        return new ArchiveCatalog(client, s3.bucket(), manifest(s3, client));
    }

    /** What the archive recorded of its topics, through {@code client} (which the caller closes). */
    SnapshotStore snapshots(S3Settings s3, S3Client client) {
        return new SnapshotStore(client, s3.bucket(), manifest(s3, client));
    }

    Manifest manifest(S3Settings s3, S3Client client) {
        return new Manifest(client, s3.bucket(), s3.manifestPrefix(), Clock.systemUTC());
    }
}
