package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.Life;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns a file awaiting upload into an S3 put: its key (after the bucket records the life of the topic
 * it is of), its metadata, the file as the body. An object already under that key that holds as many
 * offsets or more is left alone ({@link #ALREADY_ARCHIVED}), so a retry or a second instance never
 * replaces an object with one that holds less; one of another life of the topic is never replaced.
 */
public final class UploadRequest implements Processor {

    /** Header: true when S3 already holds this file's offsets under its key. */
    public static final String ALREADY_ARCHIVED = "ArchiveAlreadyArchived";
    /** Exchange property: the {@link WorkFile} being uploaded. */
    public static final String FILE = "ArchiveFile";
    /**
     * Exchange property: the {@link ArchivedObject} the key holds once the put is done, for the manifest: what
     * this put sends, or what S3 held already.
     */
    public static final String OBJECT = "ArchiveObject";

    private static final Logger LOG = LoggerFactory.getLogger(UploadRequest.class);

    private final S3Client s3;
    private final String bucket;
    private final ObjectKeys keys;
    private final LivesRecorder lives;
    private final CompletedFiles files;

    public UploadRequest(S3Client s3, String bucket, ObjectKeys keys, LivesRecorder lives, CompletedFiles files) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
        this.lives = lives;
        this.files = files;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WorkFile file = exchange.getMessage().getMandatoryBody(WorkFile.class);
        if (!files.isWaiting(file)) {
            // Another pass got to it first (a rebalance hand-off, say): nothing left to do.
            exchange.setRouteStop(true);
            return;
        }
        // Before anything that may fail (S3 unreachable, say): a hand-off sends the file back to its stage by it.
        exchange.setProperty(FILE, file);
        ArchiveFacts facts = files.facts(file);
        Path path = files.path(file);
        Life life = file.life();
        Optional<String> topicId = life.knownId();
        topicId.ifPresent(id -> lives.record(facts.header().topic(), id));
        String key = keys.keyFor(facts, life, lives);
        Map<String, String> metadata = ObjectMetadata.of(facts, file.compression(), topicId);
        long size = Files.size(path);
        Optional<ArchivedObject> already = existing(key, topicId).filter(o -> o.endOffset() >= facts.summary().lastOffset());
        already.ifPresent(o -> LOG.info("s3://{}/{} already holds offsets up to {}: not uploading it again", bucket, key, o.endOffset()));
        exchange.setProperty(OBJECT, already.orElseGet(() -> ArchivedObject.fromMetadata(key, size, metadata).orElseThrow()));
        Message message = exchange.getMessage();
        message.setHeader(AWS2S3Constants.KEY, key);
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, size);
        message.setHeader(AWS2S3Constants.METADATA, metadata);
        message.setHeader(ALREADY_ARCHIVED, already.isPresent());
        message.setBody(path.toFile());
    }

    /** The archive object under {@code key} as S3 holds it, if any; one of another life of the topic is never replaced. */
    private Optional<ArchivedObject> existing(String key, Optional<String> topicId) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            String holds = head.metadata().get(ObjectMetadata.TOPIC_ID);
            if (holds != null && topicId.isPresent() && !holds.equals(topicId.get())) {
                throw new IllegalStateException("s3://" + bucket + "/" + key + " holds records of topic id " + holds + ", another life of the topic "
                        + "than this file's (topic id " + topicId.get() + "): it is not replaced");
            }
            return ArchivedObject.fromMetadata(key, head.contentLength(), head.metadata());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
