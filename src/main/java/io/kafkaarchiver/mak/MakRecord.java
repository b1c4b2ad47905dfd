package io.kafkaarchiver.mak;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One archived Kafka record. Key and value are null when Kafka's were; MAK v1 cannot tell null
 * from empty, so records read from v1 carry empty arrays, no timestamp and no headers.
 */
public record MakRecord(long offset, long timestamp, MakTimestampType timestampType,
                        byte[] key, byte[] value, List<RecordHeader> headers) {

    /** Kafka's value for "no timestamp". */
    public static final long NO_TIMESTAMP = -1L;

    public MakRecord {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        Objects.requireNonNull(timestampType, "timestampType");
        headers = List.copyOf(headers);
    }

    /** A record as MAK v1 holds it: offset, key and value. */
    public static MakRecord of(long offset, byte[] key, byte[] value) {
        return new MakRecord(offset, NO_TIMESTAMP, MakTimestampType.NO_TIMESTAMP_TYPE, key, value, List.of());
    }

    public boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }

    /** Bytes of key and value: the payload a throughput figure counts. */
    public long payloadSize() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MakRecord r && offset == r.offset && timestamp == r.timestamp
                && timestampType == r.timestampType && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, timestampType, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "MakRecord[offset=" + offset + ", timestamp=" + timestamp + " " + timestampType
                + ", key=" + describe(key) + ", value=" + describe(value) + ", headers=" + headers + "]";
    }

    private static String describe(byte[] bytes) {
        return bytes == null ? "null" : bytes.length + " bytes";
    }
}
