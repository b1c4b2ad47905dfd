package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.config.StoredArchive;
import io.kafkaarchiver.restore.ArchivedTopics;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.topics.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the archive is, for the commands that read it (ls, verify, restore): the same settings the
 * archiver runs with (the jar's defaults, ./application.properties, environment variables), with
 * the bucket and the Kafka brokers overridable on the command line.
 */
final class ArchiveLocation {

    @Option(names = "--settings", paramLabel = "FILE",
            description = "The archiver's settings file (default: ./application.properties; environment variables override it).")
    Path settingsFile;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "The archive's bucket, on S3 or GCS (default: s3.bucket from the settings).")
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

    StoredArchive archive() {
        return StoredArchive.from(settings());
    }

    KafkaConnection kafka() {
        return KafkaConnection.from(settings());
    }

    /** What the archiver these settings run archives, and to which store (whatever --bucket says). */
    ArchivedTopics archivedTopics() {
        return ArchivedTopics.from(written());
    }

    /** The archive's catalog, in {@code store} (which the caller closes). */
    ArchiveCatalog catalog(StoredArchive archive, ArchiveStore store) {
        return new ArchiveCatalog(store, archive.manifest(store));
    }

    /** What the archive recorded of its topics, in {@code store} (which the caller closes). */
    SnapshotStore snapshots(StoredArchive archive, ArchiveStore store) {
        return new SnapshotStore(store, archive.manifest(store));
    }
}
