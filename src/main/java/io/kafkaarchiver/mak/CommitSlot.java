package io.kafkaarchiver.mak;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static io.kafkaarchiver.mak.MakV2Layout.SLOT_CRC_OFFSET;
import static io.kafkaarchiver.mak.MakV2Layout.SLOT_LENGTH;

/** One of MAK v2's two commit slots: the commit point and the file's figures, checksummed. */
record CommitSlot(long sequence, long endPosition, MakSummary summary) {

    byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(SLOT_LENGTH);
        buf.putLong(sequence).putLong(endPosition).putLong(summary.recordCount())
                .putLong(summary.firstOffset()).putLong(summary.lastOffset())
                .putLong(summary.minTimestamp()).putLong(summary.maxTimestamp())
                .putInt(0)
                .putInt(crc(buf.array()));
        return buf.array();
    }

    /** @return the slot, or null when it was never written or its checksum does not match (a torn update) */
    static CommitSlot decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.getInt(SLOT_CRC_OFFSET) != crc(bytes)) {
            return null;
        }
        long sequence = buf.getLong();
        if (sequence <= 0) {
            return null;
        }
        long endPosition = buf.getLong();
        MakSummary summary = new MakSummary(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
        return new CommitSlot(sequence, endPosition, summary);
    }

    /** The slot a commit with this sequence number overwrites: never the one holding the last commit. */
    static int offsetFor(long sequence) {
        return sequence % 2 == 0 ? MakV2Layout.SLOT_A_OFFSET : MakV2Layout.SLOT_B_OFFSET;
    }

    private static int crc(byte[] slot) {
        return crc32c(slot, SLOT_CRC_OFFSET);
    }

    /** CRC-32C of the first {@code length} bytes, as MAK v2 stores every checksum: a signed int. */
    static int crc32c(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
