package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.CompletedFiles;
import io.kafkaarchiver.archive.Life;
import io.kafkaarchiver.archive.WorkFile;
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
        ArchiveFacts facts = files.facts(file);
        Path path = files.path(file);
        Life life = file.life();
        Optional<String> topicId = life.known() ? Optional.of(life.topicId()) : Optional.empty();
        topicId.ifPresent(id -> lives.record(facts.header().topic(), id));
        String key = keys.keyFor(facts, life, lives);
        exchange.setProperty(FILE, file);
        Message message = exchange.getMessage();
        message.setHeader(AWS2S3Constants.KEY, key);
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, Files.size(path));
        message.setHeader(AWS2S3Constants.METADATA, ObjectMetadata.of(facts, file.compression(), topicId));
        message.setHeader(ALREADY_ARCHIVED, coversAlready(key, facts.summary().lastOffset(), topicId));
        message.setBody(path.toFile());
    }

    private boolean coversAlready(String key, long lastOffset, Optional<String> topicId) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            Map<String, String> meta = head.metadata();
            String holds = meta.get(ObjectMetadata.TOPIC_ID);
            if (holds != null && topicId.isPresent() && !holds.equals(topicId.get())) {
                throw new IllegalStateException("s3://" + bucket + "/" + key + " holds records of topic id " + holds + ", another life of the topic "
                        + "than this file's (topic id " + topicId.get() + "): it is not replaced");
            }
            long existingEnd = Long.parseLong(meta.getOrDefault(ObjectMetadata.END_OFFSET, "-1"));
            if (existingEnd >= lastOffset) {
                LOG.info("s3://{}/{} already holds offsets up to {}: not uploading it again", bucket, key, existingEnd);
                return true;
            }
            return false;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
