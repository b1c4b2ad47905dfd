package io.kafkaarchiver.mak;

/** What a record's timestamp means; the ids are Kafka's own, so they map one to one. */
public enum MakTimestampType {
    NO_TIMESTAMP_TYPE(-1, "NoTimestampType"),
    CREATE_TIME(0, "CreateTime"),
    LOG_APPEND_TIME(1, "LogAppendTime");

    private final int id;
    private final String displayName;

    MakTimestampType(int id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public int id() {
        return id;
    }

    /** Kafka's own name for it, as {@code org.apache.kafka.common.record.TimestampType} prints it. */
    public String displayName() {
        return displayName;
    }

    /** @return the type with this id, or null when the id is not one of Kafka's */
    static MakTimestampType fromId(int id) {
        for (MakTimestampType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
