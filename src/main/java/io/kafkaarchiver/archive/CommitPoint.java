package io.kafkaarchiver.archive;

/**
 * An offset of a partition as its group commits it (the next offset to consume), with the topic id it is an
 * offset of: an offset of one life of a topic says nothing of another, so each commit carries its life's id
 * as its metadata, and a commit of another life is never resumed from.
 *
 * @param offset  negative when there is nothing to commit
 * @param topicId {@link Life#commitTag()}: empty for the unknown life, and for commits made before the archiver knew ids
 */
public record CommitPoint(long offset, String topicId) {

    public static final CommitPoint NONE = new CommitPoint(-1, "");

    /** True when this commit may be resumed from in {@code life}: it was made for it, or before ids were known. */
    public boolean isFor(Life life) {
        return topicId.isEmpty() || !life.known() || topicId.equals(life.topicId());
    }
}
