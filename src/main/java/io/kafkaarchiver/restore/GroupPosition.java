package io.kafkaarchiver.restore;

/**
 * Where one consumer group's committed offset on one partition of the source topic goes on the target
 * topic (the same partition number).
 *
 * @param sourceOffset the group's committed offset on the source, as the archive recorded it
 * @param targetOffset the offset to commit on the target; -1 where not known (yet)
 */
public record GroupPosition(String group, int partition, long sourceOffset, Placement placement, long targetOffset) {

    /** How the target offset was found. */
    public enum Placement {
        /** The target offset of the first restored record at or after the source offset: the group reads on from the same record. */
        RECORD,
        /** No record at or after the source offset is restored: the group goes to the end of the target partition. */
        END,
        /** Not known before the records are written (a dry run). */
        PENDING,
        /** The partition is not restored (not asked for, or the target lacks it): the group's offset there is left as it is. */
        NOT_RESTORED
    }

    /** True when the group's offset is set on the target partition. */
    public boolean moves() {
        return placement == Placement.RECORD || placement == Placement.END;
    }

    /** {@code billing partition 3: source offset 150 -> offset 12 of orders-restored (the same record)} */
    public String describe(String targetTopic) {
        String from = group + " partition " + partition + ": source offset " + sourceOffset + " -> ";
        String at = targetOffset >= 0 ? "offset " + targetOffset + " of " + targetTopic : "the target offset";
        return from + switch (placement) {
            case RECORD -> at + " (the same record, or the first restored after it)";
            case END -> (targetOffset >= 0 ? at + ", the end" : "the end of " + targetTopic + " partition " + partition)
                    + " (no record from there on is restored)";
            case PENDING -> at + " of the first restored record from there on (known once the records are written)";
            case NOT_RESTORED -> "left as it is (partition " + partition + " is not restored)";
        };
    }
}
