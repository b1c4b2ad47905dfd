package io.kafkaarchiver.upload;

import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Asks the store once whether the archive can work with it: the bucket lists, and, for the archiver, a
 * probe object can be written (with the settings' encryption) and is removed again. A refusal is a
 * setting to fix; a store that does not answer may be starting, and is no one's mistake.
 */
public final class StoreCheck {

    /** What the store's answers showed. */
    public sealed interface Outcome {
        /** One line on what was done or found. */
        String line();
    }

    /** Everything asked was allowed. */
    public record Accepted(String line) implements Outcome {
    }

    /** The store refused, for a reason that retrying will not change. */
    public record Refused(StoreRefusal refusal) implements Outcome {
        @Override
        public String line() {
            return refusal.toString();
        }
    }

    /** The store did not answer (or answered with an error that may pass). */
    public record Unanswered(String line) implements Outcome {
    }

    private final S3Client s3;
    private final StoreAddress store;
    private final String probeKey;
    private final String sse;
    private final String kmsKeyId;

    /**
     * @param probeKey where the write probe goes ({@link io.kafkaarchiver.catalog.Manifest#accessCheckKey()})
     * @param sse      {@code s3.sse} ({@code ""} for the bucket's default), {@code kmsKeyId} {@code s3.sse-kms-key-id}
     */
    public StoreCheck(S3Client s3, StoreAddress store, String probeKey, String sse, String kmsKeyId) {
        this.s3 = s3;
        this.store = store;
        this.probeKey = probeKey;
        this.sse = sse;
        this.kmsKeyId = kmsKeyId;
    }

    /** Lists the bucket: all that the commands reading the archive need. */
    public Outcome read() {
        return ask(false);
    }

    /** Lists the bucket, then writes the probe and removes it: what archiving needs. */
    public Outcome write() {
        return ask(true);
    }

    private Outcome ask(boolean write) {
        try {
            // A list, not a HEAD: its error has a body, which tells a wrong secret from an unknown access key.
            s3.listObjectsV2(b -> b.bucket(store.bucket()).maxKeys(1));
            if (!write) {
                return new Accepted(store + ": listed");
            }
            s3.putObject(b -> b.bucket(store.bucket()).key(probeKey)
                            .serverSideEncryption(sse.isEmpty() ? null : sse).ssekmsKeyId(kmsKeyId.isEmpty() ? null : kmsKeyId),
                    RequestBody.fromString("kafka-archiver's store check wrote this at " + Instant.now() + ", to be removed at once\n"));
            return new Accepted(store + ": listed, and a probe object written" + removed());
        } catch (S3Exception e) {
            return StoreRefusal.of(e, store).<Outcome>map(Refused::new)
                    .orElseGet(() -> new Unanswered(store + " answered " + e.statusCode() + ": " + e.getMessage()));
        } catch (SdkException e) {
            return new Unanswered(store + " did not answer: " + e.getMessage());
        }
    }

    /** Removing the probe is courtesy: a bucket that keeps objects from deletion still archives (the archiver never deletes). */
    private String removed() {
        try {
            s3.deleteObject(b -> b.bucket(store.bucket()).key(probeKey));
            return " and removed (" + probeKey + ")";
        } catch (SdkException e) {
            return ", not removed (" + probeKey + ": " + e.getMessage() + "); the archiver never deletes objects otherwise";
        }
    }
}
