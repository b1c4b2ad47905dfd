package io.kafkaarchiver.mak;

/**
 * MAK v2, the lossless format. Integers are big-endian and signed; -1 marks "null" or "none".
 * {@code docs/mak-format.md} draws v1 and v2 side by side.
 *
 * <pre>
 * File
 * offset   length  field
 * ------   ------  -----------------------------------------------------------------
 *      0        8  magic 89 4D 41 4B 32 0D 0A 1A ("\x89MAK2\r\n\x1a": not "MAK", so v1 readers stop)
 *      8       64  commit slot A
 *     72       64  commit slot B
 *    136        4  header length n
 *    140        n  header JSON, UTF-8: topic, partition, startoffset, starttime (as v1)
 *  140+n        4  CRC-32C of the header JSON
 *  144+n           records, repeated up to the end position of the current commit slot
 *
 * Commit slot (the writer alternates between A and B; the valid one with the higher sequence counts)
 *      0        8  sequence (0: never written)
 *      8        8  end position: file position just past the last committed record
 *     16        8  record count
 *     24        8  first offset (-1 while empty)
 *     32        8  last offset (-1 while empty)
 *     40        8  min timestamp (-1: none)
 *     48        8  max timestamp (-1: none)
 *     56        4  reserved, 0
 *     60        4  CRC-32C of bytes 0..59
 *
 * Record
 *      0        4  body length b
 *      4        b  body:
 *                    offset (8), timestamp (8), timestamp type (1: -1 none, 0 create, 1 log append)
 *                    key length (4, -1 null), key
 *                    value length (4, -1 null), value
 *                    header count (4), then per header:
 *                      key length (4), key (UTF-8), value length (4, -1 null), value
 *    4+b        4  CRC-32C of the body length and the body
 * </pre>
 */
final class MakV2Layout {

    static final byte[] MAGIC = {(byte) 0x89, 'M', 'A', 'K', '2', '\r', '\n', 0x1A};

    static final int MAGIC_OFFSET = 0;
    static final int MAGIC_LENGTH = MAGIC.length;
    static final int SLOT_LENGTH = 64;
    static final int SLOT_A_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
    static final int SLOT_B_OFFSET = SLOT_A_OFFSET + SLOT_LENGTH;
    static final int HEADER_LENGTH_OFFSET = SLOT_B_OFFSET + SLOT_LENGTH;
    static final int HEADER_LENGTH_LENGTH = 4;
    static final int HEADER_JSON_OFFSET = HEADER_LENGTH_OFFSET + HEADER_LENGTH_LENGTH;
    static final int HEADER_CRC_LENGTH = 4;

    static final int SLOT_SEQUENCE_OFFSET = 0;
    static final int SLOT_END_POSITION_OFFSET = SLOT_SEQUENCE_OFFSET + 8;
    static final int SLOT_RECORD_COUNT_OFFSET = SLOT_END_POSITION_OFFSET + 8;
    static final int SLOT_FIRST_OFFSET_OFFSET = SLOT_RECORD_COUNT_OFFSET + 8;
    static final int SLOT_LAST_OFFSET_OFFSET = SLOT_FIRST_OFFSET_OFFSET + 8;
    static final int SLOT_MIN_TIMESTAMP_OFFSET = SLOT_LAST_OFFSET_OFFSET + 8;
    static final int SLOT_MAX_TIMESTAMP_OFFSET = SLOT_MIN_TIMESTAMP_OFFSET + 8;
    static final int SLOT_RESERVED_OFFSET = SLOT_MAX_TIMESTAMP_OFFSET + 8;
    static final int SLOT_CRC_OFFSET = SLOT_RESERVED_OFFSET + 4;

    static final int RECORD_LENGTH_FIELD = 4;
    static final int RECORD_CRC_FIELD = 4;
    /** Offset, timestamp, timestamp type, key length, value length, header count. */
    static final int MIN_BODY_LENGTH = 8 + 8 + 1 + 4 + 4 + 4;
    /** Largest body a reader accepts: Kafka's own limit on a record is an int, too. */
    static final int MAX_BODY_LENGTH = Integer.MAX_VALUE - 64;

    static final int NULL_LENGTH = -1;

    private MakV2Layout() {
    }
}
