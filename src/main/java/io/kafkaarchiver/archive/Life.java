package io.kafkaarchiver.archive;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * Which life of its topic a partition's records belong to. A topic deleted and created again under the
 * same name is a new life: Kafka gives it a new topic id (KIP-516) and its offsets start over, so each
 * life's records are archived apart, never one over the other. A segment after the first is a partition's
 * log cut back within one life (an unclean leader election): Kafka gives offsets it had given before to
 * other records, and those are archived apart too.
 *
 * @param topicId the topic's id as Kafka gives it; {@link #UNKNOWN_ID} for what was written before the
 *                archiver knew topic ids, or while Kafka could not say
 */
public record Life(String topicId, int segment) {

    /** Kafka's zero id, which it gives no topic: the life of files and marks written before ids were known. */
    public static final String UNKNOWN_ID = Uuid.ZERO_UUID.toString();
    public static final Life UNKNOWN = new Life(UNKNOWN_ID, 0);

    /** A topic id (22 characters of URL-safe base64), then the segment when it is not the first. */
    static final String LABEL_PATTERN = "[A-Za-z0-9_-]{22}(?:\\.[1-9]\\d*)?";
    private static final Pattern LABEL = Pattern.compile("([A-Za-z0-9_-]{22})(?:\\.([1-9]\\d*))?");

    public static Life of(String topicId) {
        return new Life(topicId, 0);
    }

    /** False for the life of what was written before the archiver knew the topic's id. */
    public boolean known() {
        return !topicId.equals(UNKNOWN_ID);
    }

    /** The same life after its partition's log was cut back once more. */
    public Life nextSegment() {
        return new Life(topicId, segment + 1);
    }

    /** The topic id, as object metadata and the manifest carry it; empty for the unknown life. */
    public Optional<String> knownId() {
        return known() ? Optional.of(topicId) : Optional.empty();
    }

    /** The topic id, as the group's commits carry it: empty for the unknown life, as commits were before. */
    public String commitTag() {
        return knownId().orElse("");
    }

    /**
     * How the names of work files and marks tell the life: {@code <label>+}, and nothing for the first segment
     * of the unknown life, as every name was before the archiver knew topic ids.
     */
    String namePart() {
        return equals(UNKNOWN) ? "" : label() + "+";
    }

    /** {@code <topic id>}, or {@code <topic id>.<segment>} after a truncation: how names and keys tell lives apart. */
    public String label() {
        return segment == 0 ? topicId : topicId + "." + segment;
    }

    /** The life a label names; empty for text that is not a label. */
    public static Optional<Life> parse(String label) {
        Matcher m = LABEL.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Life(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return known() ? label() : segment == 0 ? "(unknown)" : "(unknown)." + segment;
    }
}
