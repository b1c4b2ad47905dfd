package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.Life;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectIdentity;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.parquet.ParquetRecordReader;
import io.kafkaarchiver.parquet.RecordSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import io.kafkaarchiver.store.ArchiveStore;

/**
 * Turns a file awaiting upload into a put: its key (after the archive records the life of the topic
 * it is of), its metadata (with the checksum of its bytes), the file as the body, and the put's condition
 * ({@link ObjectPut#REPLACES_VERSION}). The object already under that key is judged by its whole identity
 * ({@link KeyCheck}): the same object, or one of the same life holding as many offsets or more, is left
 * alone ({@link #ALREADY_ARCHIVED}), so a retry or a second instance never replaces an object with one that
 * holds less; one of another life of the topic, or of none while the file has one, is never replaced.
 */
public final class UploadRequest implements Processor {

    /** Header: true when the store already holds this file's offsets under its key. */
    public static final String ALREADY_ARCHIVED = "ArchiveAlreadyArchived";
    /** Header: the object's key. */
    public static final String KEY = "ArchiveObjectKey";
    /** Header: the object's size in bytes. */
    public static final String SIZE = "ArchiveObjectSize";
    /** Header: the object's user metadata ({@link ObjectMetadata}). */
    public static final String METADATA = "ArchiveObjectMetadata";
    /** Exchange property: the {@link WorkFile} being uploaded. */
    public static final String FILE = "ArchiveFile";
    /**
     * Exchange property: the {@link ArchivedObject} the key holds once the put is done, for the manifest: what
     * this put sends, or what the store held already.
     */
    public static final String OBJECT = "ArchiveObject";
    /** Exchange property: the {@link Digest} of the object last read for it. */
    private static final String DIGEST = "ArchiveObjectDigest";

    /** An object's SHA-256 ({@link ObjectMetadata#SHA256}), and which file it is of. */
    private record Digest(WorkFile file, String sha256) {
    }

    private final KeyCheck check;
    private final ObjectKeys keys;
    private final LivesRecorder lives;
    private final CompletedFiles files;

    public UploadRequest(ArchiveStore store, ObjectKeys keys, LivesRecorder lives, CompletedFiles files) {
        this.check = new KeyCheck(store);
        this.keys = keys;
        this.lives = lives;
        this.files = files;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WorkFile file = exchange.getMessage().getMandatoryBody(WorkFile.class);
        if (!files.isWaiting(file)) {
            // Another pass got to it first (a rebalance hand-off, say): nothing left to do.
            files.leftUploadStage(file);
            exchange.setRouteStop(true);
            return;
        }
        // Before anything that may fail (the store unreachable, say): a hand-off sends the file back to its stage by it.
        exchange.setProperty(FILE, file);
        ArchiveFacts facts = files.facts(file);
        Path path = files.path(file);
        Life life = file.life();
        Optional<String> topicId = life.knownId();
        topicId.ifPresent(id -> lives.record(facts.header().topic(), id));
        String key = keys.keyFor(facts, life, lives, file.compression());
        // Read once per exchange and file, not once per attempt: the object does not change between them (an exchange
        // that goes on to the next object carries this one's along, hence the file beside it).
        Digest digest = exchange.getProperty(DIGEST, Digest.class);
        if (digest == null || !digest.file().equals(file)) {
            digest = new Digest(file, ObjectMetadata.sha256(path));
            exchange.setProperty(DIGEST, digest);
        }
        Map<String, String> metadata = file.compression() == Compression.PARQUET
                ? ObjectMetadata.of(facts.header(), facts.summary(), RecordSchema.FORMAT, ParquetRecordReader.compression(path), topicId,
                        Optional.of(digest.sha256()))
                : ObjectMetadata.of(facts.header(), facts.summary(), facts.version().cliName(), file.compression().settingName(), topicId,
                        Optional.of(digest.sha256()));
        long size = Files.size(path);
        PutCondition condition = check.decide(key, ObjectIdentity.fromMetadata(key, metadata).orElseThrow());
        exchange.setProperty(OBJECT, condition instanceof PutCondition.AlreadyArchived already ? already.held()
                : ArchivedObject.fromMetadata(key, size, metadata).orElseThrow());
        Message message = exchange.getMessage();
        message.setHeader(KEY, key);
        message.setHeader(SIZE, size);
        message.setHeader(METADATA, metadata);
        message.setHeader(ALREADY_ARCHIVED, condition instanceof PutCondition.AlreadyArchived);
        // Set on every attempt: a redelivered exchange still carries the last attempt's.
        if (condition instanceof PutCondition.Replaces replaces) {
            message.setHeader(ObjectPut.REPLACES_VERSION, replaces.versionTag());
        } else {
            message.removeHeader(ObjectPut.REPLACES_VERSION);
        }
        message.setBody(path);
    }
}
