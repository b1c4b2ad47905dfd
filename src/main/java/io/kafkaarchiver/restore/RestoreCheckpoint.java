package io.kafkaarchiver.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * How far a restore has come in one partition, kept in Kafka as the committed offset of the group
 * {@code kafka-archiver-restore.<target topic>} on the target partition, so a restore started again
 * on any machine finds it. The offset is the target's offset after the last restored record; the
 * offset's metadata (a small JSON object, well under Kafka's 4096-byte limit) says which restore it
 * belongs to (bucket, source topic and the life of it, window) and the next source offset to restore.
 *
 * @param sourceTopicId the life of the source topic restored; empty for an archive written before ids were known
 */
public record RestoreCheckpoint(int partition, long targetOffset, String bucket, String sourceTopic, String sourceTopicId,
                                long nextSourceOffset, RestoreWindow window) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The consumer group that holds the checkpoints of the restores into {@code targetTopic}. */
    public static String group(String targetTopic) {
        return "kafka-archiver-restore." + targetTopic;
    }

    /** The checkpoint of a partition nothing has been restored to yet: the target's end, the window's start. */
    static RestoreCheckpoint start(int partition, long targetEnd, String bucket, String sourceTopic, String sourceTopicId,
                                   RestoreWindow window) {
        return new RestoreCheckpoint(partition, targetEnd, bucket, sourceTopic, sourceTopicId, window.fromOffset(), window);
    }

    /** This checkpoint moved past one more restored record. */
    RestoreCheckpoint after(long sourceOffset, long targetOffset) {
        return new RestoreCheckpoint(partition, targetOffset + 1, bucket, sourceTopic, sourceTopicId, sourceOffset + 1, window);
    }

    /** Why this checkpoint belongs to another restore than the one asked for; empty when it is the same one. */
    Optional<String> conflictWith(String otherBucket, String otherTopic, String otherTopicId, RestoreWindow otherWindow) {
        if (!sourceTopic.equals(otherTopic) || !bucket.equals(otherBucket)) {
            return Optional.of("it restores topic " + sourceTopic + " of " + bucket);
        }
        if (!sourceTopicId.equals(otherTopicId)) {
            return Optional.of("it restores " + (sourceTopicId.isEmpty() ? "the life of topic " + sourceTopic + " archived before topic ids were known"
                    : "topic " + sourceTopic + " with topic id " + sourceTopicId));
        }
        if (!window.equals(otherWindow)) {
            return Optional.of("it restores " + window + ", not " + otherWindow);
        }
        return Optional.empty();
    }

    /** The offset's metadata. */
    String metadata() {
        ObjectNode n = JSON.createObjectNode();
        n.put("bucket", bucket);
        n.put("source_topic", sourceTopic);
        if (!sourceTopicId.isEmpty()) {
            n.put("source_topic_id", sourceTopicId);
        }
        n.put("source_partition", partition);
        n.put("next_source_offset", nextSourceOffset);
        n.put("from_offset", window.fromOffset());
        if (window.toOffset() != RestoreWindow.ALL.toOffset()) {
            n.put("to_offset", window.toOffset());
        }
        if (window.fromTime() != RestoreWindow.ALL.fromTime()) {
            n.put("from_time", window.fromTime());
        }
        if (window.toTime() != RestoreWindow.ALL.toTime()) {
            n.put("to_time", window.toTime());
        }
        return n.toString();
    }

    /**
     * Reads a committed offset and its metadata back.
     *
     * @throws IllegalArgumentException when the metadata is not a checkpoint's
     */
    static RestoreCheckpoint parse(int partition, long targetOffset, String metadata) {
        JsonNode n;
        try {
            n = JSON.readTree(metadata == null ? "" : metadata);
        } catch (JsonProcessingException e) {
            n = null;
        }
        if (n == null || !n.isObject() || !n.path("source_partition").canConvertToInt() || n.path("source_partition").asInt() != partition
                || !n.path("bucket").isTextual() || !n.path("source_topic").isTextual() || !n.path("next_source_offset").canConvertToLong()
                || !n.path("from_offset").canConvertToLong()) {
            throw new IllegalArgumentException("not a checkpoint of kafka-archiver restore: '" + metadata + "'");
        }
        RestoreWindow window = new RestoreWindow(n.get("from_offset").asLong(), n.path("to_offset").asLong(RestoreWindow.ALL.toOffset()),
                n.path("from_time").asLong(RestoreWindow.ALL.fromTime()), n.path("to_time").asLong(RestoreWindow.ALL.toTime()));
        return new RestoreCheckpoint(partition, targetOffset, n.get("bucket").asText(), n.get("source_topic").asText(),
                n.path("source_topic_id").asText(""), n.get("next_source_offset").asLong(), window);
    }
}
