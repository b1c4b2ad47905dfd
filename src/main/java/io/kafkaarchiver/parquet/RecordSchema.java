package io.kafkaarchiver.parquet;

import io.kafkaarchiver.mak.MakTimestampType;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The schema of the archive's Parquet objects: one row per Kafka record, every field kept as MAK v2 keeps it, no
 * schema registry needed. {@code docs/query.md} shows it as a table.
 *
 * <ul>
 *   <li>{@code partition} int32, {@code offset} int64;</li>
 *   <li>{@code timestamp}: TIMESTAMP(MILLIS, UTC), null where Kafka's is -1 ("no timestamp"; any other value is kept as it is);</li>
 *   <li>{@code timestamp_type}: Kafka's own name of the type, {@code CreateTime}, {@code LogAppendTime} or
 *       {@code NoTimestampType};</li>
 *   <li>{@code key}, {@code value}: binary, null where Kafka's was null, empty where it was empty;</li>
 *   <li>{@code headers}: the record's headers in their order (keys may repeat), each a {@code key} string and a
 *       {@code value} binary that may be null; an empty list for none.</li>
 * </ul>
 */
public final class RecordSchema {

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message kafka_record {
              required int32 partition;
              required int64 offset;
              optional int64 timestamp (TIMESTAMP(MILLIS,true));
              required binary timestamp_type (STRING);
              optional binary key;
              optional binary value;
              required group headers (LIST) {
                repeated group list {
                  required group element {
                    required binary key (STRING);
                    optional binary value;
                  }
                }
              }
            }
            """);

    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String TIMESTAMP = "timestamp";
    static final String TIMESTAMP_TYPE = "timestamp_type";
    static final String KEY = "key";
    static final String VALUE = "value";
    static final String HEADERS = "headers";
    static final String LIST = "list";
    static final String ELEMENT = "element";
    static final String HEADER_KEY = "key";
    static final String HEADER_VALUE = "value";

    /**
     * Footer key: the offset the MAK file the object was made from started at (its header's; the first record's
     * offset is {@code mak-start-offset}).
     */
    public static final String FILE_START_OFFSET = "mak-file-start-offset";
    /** Footer key: when that MAK file was started, ISO-8601 UTC (the {@code {yymmdd}} of the object's key). */
    public static final String FILE_START_TIME = "mak-file-start-time";
    /** Footer key: the version of this schema, 1. */
    public static final String SCHEMA_VERSION = "mak-parquet-schema";
    static final String VERSION = "1";

    /** What {@code mak-format} says of a Parquet object. */
    public static final String FORMAT = "parquet";

    private static final MakTimestampType[] TYPES = MakTimestampType.values();
    private static final Binary[] TYPE_NAMES = new Binary[TYPES.length];

    static {
        for (int i = 0; i < TYPES.length; i++) {
            TYPE_NAMES[i] = Binary.fromConstantByteArray(TYPES[i].displayName().getBytes(StandardCharsets.UTF_8));
        }
    }

    private RecordSchema() {
    }

    static Binary typeName(MakTimestampType type) {
        return TYPE_NAMES[type.ordinal()];
    }

    /** @return the type Kafka names so, or null for a name that is not one of Kafka's */
    static MakTimestampType timestampType(Binary name) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPE_NAMES[i].equals(name)) {
                return TYPES[i];
            }
        }
        return null;
    }
}
