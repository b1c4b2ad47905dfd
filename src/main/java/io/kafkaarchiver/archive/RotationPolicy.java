package io.kafkaarchiver.archive;

import java.time.Duration;
import java.time.Instant;

/** When an in-progress file is complete: old enough, big enough, or holding enough records. */
public record RotationPolicy(Duration maxAge, long maxBytes, long maxRecords) {

    /** @return why the file should rotate now, or null while it should stay open */
    String reasonToRotate(long bytes, long records, Instant openedAt, Instant now) {
        if (records >= maxRecords) {
            return records + " records (archive.rotate.max-records " + maxRecords + ")";
        }
        if (bytes >= maxBytes) {
            return bytes + " bytes (archive.rotate.max-bytes " + maxBytes + ")";
        }
        Duration age = Duration.between(openedAt, now);
        if (records > 0 && age.compareTo(maxAge) >= 0) {
            return "open " + age.toSeconds() + "s (archive.rotate.max-age " + maxAge + ")";
        }
        return null;
    }
}
