package io.kafkaarchiver.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * What makes an archive object the one it is, as its metadata says: the life of the topic, the offsets
 * it holds, its record count, and the checksum of its bytes (absent on objects put before it was kept).
 *
 * @param topicId the topic's id in the life the records are of; empty for the unknown life
 * @param sha256  {@link ObjectMetadata#SHA256}, hex; empty for an object put before it was kept
 */
public record ObjectIdentity(Optional<String> topicId, long startOffset, long endOffset, long recordCount, Optional<String> sha256) {

    /** How the object a key holds stands to the object that would be put under it. */
    public enum Standing {
        /** The very object: already archived. */
        SAME,
        /** Another object of the same life holding every offset this one holds: already archived. */
        HOLDS_AS_MANY_OR_MORE,
        /** An object of the same life holding only some of this one's offsets: this one replaces it. */
        HOLDS_FEWER,
        /** Another life's, or one that holds offsets this one lacks: never replaced. */
        NOT_REPLACEABLE
    }

    /** The identity of the object with these user metadata; empty for one the archiver did not write. */
    public static Optional<ObjectIdentity> fromMetadata(String key, Map<String, String> metadata) {
        return ArchivedObject.fromMetadata(key, 0, metadata).map(o -> new ObjectIdentity(o.topicId(), o.startOffset(), o.endOffset(),
                o.recordCount(), o.sha256()));
    }

    /** How {@code held}, under this object's key in S3, stands to this object. */
    public Standing standingOf(ObjectIdentity held) {
        boolean covers = held.startOffset <= startOffset && held.endOffset >= endOffset;
        if (topicId.isEmpty() && held.topicId.isPresent()) {
            // A file of the unknown life is taken for the life Kafka names first, whose keys it has: an object
            // that names that life may hold its offsets, but is never replaced by one that names none.
            return covers ? Standing.HOLDS_AS_MANY_OR_MORE : Standing.NOT_REPLACEABLE;
        }
        if (!topicId.equals(held.topicId)) {
            // Another life; or none, which an object of this life never has: its end offset says nothing of this life's.
            return Standing.NOT_REPLACEABLE;
        }
        if (held.startOffset == startOffset && held.endOffset == endOffset && held.recordCount == recordCount
                && (sha256.isEmpty() || held.sha256.isEmpty() || sha256.equals(held.sha256))) {
            return Standing.SAME;
        }
        if (covers) {
            return Standing.HOLDS_AS_MANY_OR_MORE;
        }
        return startOffset <= held.startOffset && endOffset >= held.endOffset ? Standing.HOLDS_FEWER : Standing.NOT_REPLACEABLE;
    }

    @Override
    public String toString() {
        return "offsets " + startOffset + ".." + endOffset + " (" + recordCount + " records" + topicId.map(id -> ", topic id " + id).orElse("")
                + sha256.map(s -> ", sha256 " + s).orElse("") + ")";
    }
}
