package io.kafkaarchiver.catalog;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * One object of the archive, as its metadata (or its manifest entry) describes it: which offsets of
 * which topic-partition it holds, in which life of the topic, over what time, in what format, and how
 * big it is in the bucket.
 *
 * @param topicId the topic's id in the life the records are of (KIP-516); empty for an object archived
 *                before the archiver knew ids, which belongs to the topic's first life ({@link ArchiveCatalog})
 * @param sha256  the SHA-256 of the object's bytes, hex ({@link ObjectMetadata#SHA256}); empty for an object put
 *                before it was kept, or an entry written before entries carried it
 */
public record ArchivedObject(String key, String topic, int partition, long startOffset, long endOffset, long recordCount,
                             long minTimestamp, long maxTimestamp, String format, String compression, long size,
                             Optional<String> topicId, Optional<String> sha256) {

    /** This object, of the life {@code id} names. */
    public ArchivedObject withTopicId(String id) {
        return new ArchivedObject(key, topic, partition, startOffset, endOffset, recordCount, minTimestamp, maxTimestamp, format,
                compression, size, Optional.of(id), sha256);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** True when the object's records' time range meets [{@code fromMillis}, {@code toMillis}). */
    public boolean holdsTimesBetween(long fromMillis, long toMillis) {
        return maxTimestamp >= fromMillis && minTimestamp < toMillis;
    }

    /** True when this object holds offsets that {@code other} holds too, in the same life of the topic. */
    public boolean overlaps(ArchivedObject other) {
        return topic.equals(other.topic) && partition == other.partition && topicId.equals(other.topicId)
                && startOffset <= other.endOffset && other.startOffset <= endOffset;
    }

    /**
     * Reads an object's user metadata ({@link ObjectMetadata}); empty for an object the archiver did
     * not write. A value that is there but malformed is an error naming the key and the field.
     */
    public static Optional<ArchivedObject> fromMetadata(String key, long size, Map<String, String> metadata) {
        if (!metadata.containsKey(ObjectMetadata.TOPIC)) {
            return Optional.empty();
        }
        Fields f = new Fields(key, metadata);
        return Optional.of(new ArchivedObject(key, f.text(ObjectMetadata.TOPIC), (int) f.number(ObjectMetadata.PARTITION),
                f.number(ObjectMetadata.START_OFFSET), f.number(ObjectMetadata.END_OFFSET), f.number(ObjectMetadata.RECORD_COUNT),
                f.number(ObjectMetadata.MIN_TIMESTAMP), f.number(ObjectMetadata.MAX_TIMESTAMP),
                f.text(ObjectMetadata.FORMAT), f.text(ObjectMetadata.COMPRESSION), size,
                Optional.ofNullable(metadata.get(ObjectMetadata.TOPIC_ID)).filter(id -> !id.isBlank()),
                Optional.ofNullable(metadata.get(ObjectMetadata.SHA256)).filter(sum -> !sum.isBlank())));
    }

    private record Fields(String key, Map<String, String> metadata) {

        String text(String name) {
            String value = metadata.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + ": metadata " + name + " is missing");
            }
            return value;
        }

        long number(String name) {
            String value = text(name);
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": metadata " + name + " is '" + value + "', not a number");
            }
        }
    }
}
