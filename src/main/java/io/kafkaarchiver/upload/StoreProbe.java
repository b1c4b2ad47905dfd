package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.CompletedFiles;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Asks the store whether it answers again while files wait in quarantine, so that they are tried again
 * as soon as it does, not only after {@code archive.quarantine.retry-after}: after a long outage, no new
 * upload may come to show that the store is back.
 */
public final class StoreProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StoreProbe.class);
    /** Rounds of the rotate route come at every file's deadline: the quarantine is looked at, and the store asked, at most this often. */
    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final S3Client s3;
    private final String bucket;
    private final CompletedFiles files;
    private long askedAt;
    private boolean asked;

    public StoreProbe(S3Client s3, String bucket, CompletedFiles files) {
        this.s3 = s3;
        this.bucket = bucket;
        this.files = files;
    }

    /** Called by each round of the rotate route, before it takes up the files that wait. */
    public synchronized void probe() {
        long now = System.nanoTime();
        if (asked && now - askedAt < EVERY_NANOS) {
            return;
        }
        asked = true;
        askedAt = now;
        if (!files.quarantineWaitsForStore()) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
            LOG.info("s3://{} answers again: the quarantined files are uploaded again now", bucket);
            files.storeAnswered();
        } catch (SdkException e) {
            LOG.debug("s3://{} does not answer yet: {}", bucket, e.toString());
        }
    }
}
