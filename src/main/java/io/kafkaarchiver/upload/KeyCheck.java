package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectIdentity;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Asks S3 what a key holds (a HEAD) and judges it by its whole {@link ObjectIdentity} against the object to
 * put there: the one place a put's {@link PutCondition} is decided, before the put and after a put that lost a race.
 */
final class KeyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KeyCheck.class);

    private final S3Client s3;
    private final String bucket;

    KeyCheck(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * What a put of {@code object} under {@code key} asks S3 for.
     *
     * @throws IllegalStateException when the key holds an object the file never replaces: of another life of the
     *                               topic, of none while the file has one, or with offsets the file lacks
     */
    PutCondition decide(String key, ObjectIdentity object) {
        Optional<HeadObjectResponse> head = head(key);
        if (head.isEmpty()) {
            return new PutCondition.CreateOnly();
        }
        Optional<ObjectIdentity> held = ObjectIdentity.fromMetadata(key, head.get().metadata());
        if (held.isEmpty()) {
            // Not an archive object (no mak-* metadata): replaced, as it always was, but only that very object.
            return new PutCondition.Replaces(head.get().eTag());
        }
        return switch (object.standingOf(held.get())) {
            case SAME, HOLDS_AS_MANY_OR_MORE -> {
                LOG.info("s3://{}/{} already holds {}: not uploading {} again", bucket, key, held.get(), object);
                yield new PutCondition.AlreadyArchived(ArchivedObject.fromMetadata(key, head.get().contentLength(), head.get().metadata()).orElseThrow());
            }
            case HOLDS_FEWER -> new PutCondition.Replaces(head.get().eTag());
            case NOT_REPLACEABLE -> throw new IllegalStateException("s3://" + bucket + "/" + key + " holds " + held.get()
                    + ", which the file of " + object + " never replaces: another life of the topic, or offsets the file lacks");
        };
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
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
