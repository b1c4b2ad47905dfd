package io.kafkaarchiver.mak;

import java.nio.charset.StandardCharsets;

/**
 * MAK v1, byte for byte as kafkatos3 writes it. All integers are unsigned 64-bit big-endian.
 *
 * <pre>
 * offset   length  field
 * ------   ------  -----------------------------------------------------------------
 *      0        3  magic "MAK"
 *      3        8  latest offset: of the last record written (start offset while empty)
 *     11        8  end position: file position just past the last complete record
 *     19        8  header length n
 *     27        n  header JSON, UTF-8: topic, partition, startoffset, starttime
 *   27+n           records, repeated up to the end position:
 *                    key length k (8), key (k)       a null key is written as length 0
 *                    value length v (8), value (v)   so is a null value
 *                    offset (8)
 * </pre>
 *
 * The writer appends a record, then rewrites the latest-offset and end-position fields: the end
 * position is the commit point, and any bytes past it are a torn write.
 */
final class MakV1Layout {

    static final byte[] MAGIC = "MAK".getBytes(StandardCharsets.US_ASCII);

    static final int MAGIC_OFFSET = 0;
    static final int MAGIC_LENGTH = MAGIC.length;
    static final int LATEST_OFFSET_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
    static final int LATEST_OFFSET_LENGTH = 8;
    static final int END_POSITION_OFFSET = LATEST_OFFSET_OFFSET + LATEST_OFFSET_LENGTH;
    static final int END_POSITION_LENGTH = 8;
    static final int HEADER_LENGTH_OFFSET = END_POSITION_OFFSET + END_POSITION_LENGTH;
    static final int HEADER_LENGTH_LENGTH = 8;
    static final int HEADER_JSON_OFFSET = HEADER_LENGTH_OFFSET + HEADER_LENGTH_LENGTH;

    /** Both commit-point fields sit side by side, so one write updates them together. */
    static final int COMMIT_POINT_OFFSET = LATEST_OFFSET_OFFSET;
    static final int COMMIT_POINT_LENGTH = LATEST_OFFSET_LENGTH + END_POSITION_LENGTH;

    static final int LENGTH_FIELD = 8;
    static final int OFFSET_FIELD = 8;
    /** A record with empty key and value: two lengths and the offset. */
    static final int MIN_RECORD_SIZE = LENGTH_FIELD + LENGTH_FIELD + OFFSET_FIELD;

    private MakV1Layout() {
    }
}
