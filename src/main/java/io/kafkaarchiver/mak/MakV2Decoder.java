package io.kafkaarchiver.mak;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

import static io.kafkaarchiver.mak.MakV2Layout.MAX_BODY_LENGTH;
import static io.kafkaarchiver.mak.MakV2Layout.MIN_BODY_LENGTH;
import static io.kafkaarchiver.mak.MakV2Layout.NULL_LENGTH;
import static io.kafkaarchiver.mak.MakV2Layout.RECORD_CRC_FIELD;
import static io.kafkaarchiver.mak.MakV2Layout.RECORD_LENGTH_FIELD;
import static io.kafkaarchiver.mak.MakV2Layout.SLOT_LENGTH;

/**
 * Reads MAK v2: picks the current commit slot, then checks every record's CRC-32C up to its end position.
 * Recovering, a commit point that cannot be used (both slots damaged, or an end position past the file's
 * end) is noted instead of refused, the records are read up to the file's size, and they are not held to
 * the slot's figures: the recovering writer counts them itself.
 */
final class MakV2Decoder implements MakDecoder {

    private static final int MAX_HEADER_LENGTH = 1 << 20;

    private final MakInput in;
    private final boolean recovering;
    /** The current commit slot; null when recovering a file with none valid. */
    private final CommitSlot slot;
    private final long endPosition;
    private final MakFormatException commitPointDamage;
    private final MakFileHeader header;
    private MakSummary seen = MakSummary.EMPTY;

    MakV2Decoder(MakInput in, boolean recovering) throws IOException {
        this.in = in;
        this.recovering = recovering;
        long slotsAt = in.position();
        byte[] a = new byte[SLOT_LENGTH];
        byte[] b = new byte[SLOT_LENGTH];
        in.readFully(a, "commit slot A");
        in.readFully(b, "commit slot B");
        slot = newer(CommitSlot.decode(a), CommitSlot.decode(b));
        MakFormatException slotDamage = slot == null
                ? in.error(slotsAt, "a commit slot with a valid CRC-32C", "none (both slots damaged or never written)") : null;
        if (slotDamage != null && !recovering) {
            throw slotDamage;
        }
        int headerLength = in.readInt("header length");
        long headerAt = in.position();
        byte[] json = in.readBytes(headerLength, Math.min(in.knownSize(), headerAt + MAX_HEADER_LENGTH), "header JSON");
        int storedCrc = in.readInt("header CRC-32C");
        int actualCrc = CommitSlot.crc32c(json, json.length);
        if (storedCrc != actualCrc) {
            throw in.error(headerAt, "header JSON with CRC-32C " + hex(storedCrc), "CRC-32C " + hex(actualCrc) + " (header damaged)");
        }
        header = HeaderJson.decode(json, in.source(), headerAt);
        if (slotDamage == null && (slot.endPosition() < in.position() || slot.endPosition() > in.knownSize())) {
            slotDamage = in.endPositionError(slotsAt, Long.toString(slot.endPosition()));
            if (!recovering) {
                throw slotDamage;
            }
        }
        commitPointDamage = slotDamage;
        endPosition = slotDamage == null ? slot.endPosition() : in.knownSize();
    }

    private static CommitSlot newer(CommitSlot a, CommitSlot b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.sequence() > b.sequence() ? a : b;
    }

    @Override
    public MakFileHeader header() {
        return header;
    }

    @Override
    public Optional<MakSummary> summary() {
        return Optional.ofNullable(slot).map(CommitSlot::summary);
    }

    @Override
    public long endPosition() {
        return endPosition;
    }

    @Override
    public MakFormatException commitPointDamage() {
        return commitPointDamage;
    }

    /** The sequence of the newest valid slot, which the next commit follows; 0 with none. */
    long commitSequence() {
        return slot == null ? 0 : slot.sequence();
    }

    @Override
    public MakRecord next() throws IOException {
        long start = in.position();
        if (start == endPosition) {
            if (!recovering && !seen.equals(slot.summary())) {
                throw in.error(start, "the records the commit slot lists " + slot.summary(), "records adding up to " + seen);
            }
            return null;
        }
        int length = in.readInt("record length");
        long room = endPosition - in.position() - RECORD_CRC_FIELD;
        if (length < MIN_BODY_LENGTH || length > MAX_BODY_LENGTH || length > room) {
            throw in.error(start, "a record length between " + MIN_BODY_LENGTH + " and " + Math.max(MIN_BODY_LENGTH, room)
                    + " (the end position is " + endPosition + ")", Integer.toString(length));
        }
        byte[] body = in.readBytes(length, endPosition - RECORD_CRC_FIELD, "record body");
        int storedCrc = in.readInt("record CRC-32C");
        int actualCrc = recordCrc(length, body);
        if (storedCrc != actualCrc) {
            throw in.error(start, "a record with CRC-32C " + hex(storedCrc), "CRC-32C " + hex(actualCrc) + " (record damaged)");
        }
        MakRecord record = parse(body, start);
        seen = seen.plus(record);
        return record;
    }

    private MakRecord parse(byte[] body, long start) throws MakFormatException {
        ByteBuffer buf = ByteBuffer.wrap(body);
        try {
            long offset = buf.getLong();
            long timestamp = buf.getLong();
            byte typeId = buf.get();
            MakTimestampType type = MakTimestampType.fromId(typeId);
            if (offset < 0 || type == null) {
                throw in.error(start, "an offset of 0 or more and a timestamp type of -1, 0 or 1",
                        "offset " + offset + ", timestamp type " + typeId);
            }
            byte[] key = bytes(buf, start, "key");
            byte[] value = bytes(buf, start, "value");
            int count = buf.getInt();
            if (count < 0 || count > buf.remaining() / 8) {
                throw in.error(start, "a header count the record can hold", Integer.toString(count));
            }
            List<RecordHeader> headers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] headerKey = bytes(buf, start, "header key");
                if (headerKey == null) {
                    throw in.error(start, "a header key", "null");
                }
                headers.add(new RecordHeader(new String(headerKey, StandardCharsets.UTF_8), bytes(buf, start, "header value")));
            }
            if (buf.hasRemaining()) {
                throw in.error(start, "a record body that ends with its last header", buf.remaining() + " bytes more");
            }
            return new MakRecord(offset, timestamp, type, key, value, headers);
        } catch (BufferUnderflowException e) {
            throw in.error(start, "record fields within the record's " + body.length + " bytes", "fields running past them");
        }
    }

    private byte[] bytes(ByteBuffer buf, long start, String what) throws MakFormatException {
        int length = buf.getInt();
        if (length == NULL_LENGTH) {
            return null;
        }
        if (length < 0 || length > buf.remaining()) {
            throw in.error(start, what + " length within the record", Integer.toString(length));
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return bytes;
    }

    private static int recordCrc(int length, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(RECORD_LENGTH_FIELD).putInt(0, length));
        crc.update(body);
        return (int) crc.getValue();
    }

    private static String hex(int crc) {
        return String.format("%08x", crc);
    }
}
