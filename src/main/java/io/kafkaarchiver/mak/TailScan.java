package io.kafkaarchiver.mak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of a file a writer left checks out, found as Kafka's {@code LogSegment.recover} finds it: every
 * record up to the first one that does not (a CRC-32C that fails, a length out of range, an offset out of
 * order, the end of the file), within the commit point, or up to the file's size when the commit point
 * itself cannot be used. Only the head (magic, header) must be whole: without it nothing can be read.
 *
 * @param sequence the v2 commit sequence the next commit follows
 * @param cut      what is to be cut off because of damage; null when the file is sound up to its commit point
 */
record TailScan(MakVersion version, MakFileHeader header, long validEnd, long sequence, MakSummary summary, CutTail cut) {

    static TailScan of(Path file) throws IOException {
        long size = Files.size(file);
        try (MakReader reader = MakReader.openRecovering(file)) {
            MakFileHeader header = reader.header();
            MakSummary summary = MakSummary.EMPTY;
            long valid = reader.position();
            String recordDamage = null;
            try {
                for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                    checkPlace(file, valid, r, header, summary, reader.version());
                    summary = summary.plus(r);
                    valid = reader.position();
                }
            } catch (MakFormatException e) {
                recordDamage = e.detail();
            }
            MakFormatException commitPoint = reader.commitPointDamage();
            String damage = commitPoint == null ? recordDamage
                    : recordDamage == null ? commitPoint.detail() : commitPoint.detail() + "; then " + recordDamage;
            CutTail cut = damage == null ? null : new CutTail(valid, size - valid, damage);
            return new TailScan(reader.version(), header, valid, reader.commitSequence(), summary, cut);
        }
    }

    /**
     * Offsets only increase from the file's start offset. A v1 record has no checksum, so one made of zeroes
     * (empty key and value at offset 0: a block the disk never got) is taken for damage too: reading a
     * record again from Kafka costs little, keeping a record that never was loses the one that was.
     */
    private static void checkPlace(Path file, long at, MakRecord r, MakFileHeader header, MakSummary before, MakVersion version)
            throws MakFormatException {
        if (r.offset() < header.startOffset() || (!before.isEmpty() && r.offset() <= before.lastOffset())) {
            throw new MakFormatException(file.toString(), at,
                    before.isEmpty() ? "an offset of " + header.startOffset() + " (the start offset) or more" : "an offset above " + before.lastOffset(),
                    "offset " + r.offset());
        }
        if (version == MakVersion.V1 && r.offset() == 0 && isEmpty(r.key()) && isEmpty(r.value())) {
            throw new MakFormatException(file.toString(), at, "a record", "zeroes (bytes the disk never got)");
        }
    }

    private static boolean isEmpty(byte[] bytes) {
        return bytes == null || bytes.length == 0;
    }
}
