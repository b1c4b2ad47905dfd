package io.kafkaarchiver.mak;

import java.io.IOException;
import java.util.Optional;

import static io.kafkaarchiver.mak.MakV1Layout.HEADER_JSON_OFFSET;
import static io.kafkaarchiver.mak.MakV1Layout.LENGTH_FIELD;
import static io.kafkaarchiver.mak.MakV1Layout.OFFSET_FIELD;

/**
 * Reads MAK v1 as kafkatos3 writes it; bytes past the end position (a torn write) are never looked at.
 * Recovering, an end position the file cannot hold is noted instead of refused, and the records are read
 * up to the file's size.
 */
final class MakV1Decoder implements MakDecoder {

    /** Far beyond any header kafkatos3 writes; guards the allocation against a damaged length. */
    private static final long MAX_HEADER_LENGTH = 1 << 20;

    private final MakInput in;
    private final long endPosition;
    private final MakFileHeader header;
    private final MakFormatException commitPointDamage;

    MakV1Decoder(MakInput in, boolean recovering) throws IOException {
        this.in = in;
        in.readLong("latest offset");
        long endFieldAt = in.position();
        long endField = in.readLong("end position");
        long headerLength = in.readLong("header length");
        long headerAt = in.position();
        byte[] json = in.readBytes(headerLength, Math.min(in.knownSize(), HEADER_JSON_OFFSET + MAX_HEADER_LENGTH), "header JSON");
        header = HeaderJson.decode(json, in.source(), headerAt);
        if (endField >= in.position() && endField <= in.knownSize()) {
            endPosition = endField;
            commitPointDamage = null;
            return;
        }
        commitPointDamage = in.endPositionError(endFieldAt, Long.toUnsignedString(endField));
        if (!recovering) {
            throw commitPointDamage;
        }
        endPosition = in.knownSize();
    }

    @Override
    public MakFileHeader header() {
        return header;
    }

    @Override
    public Optional<MakSummary> summary() {
        return Optional.empty();
    }

    @Override
    public MakFormatException commitPointDamage() {
        return commitPointDamage;
    }

    @Override
    public long endPosition() {
        return endPosition;
    }

    @Override
    public MakRecord next() throws IOException {
        if (in.position() == endPosition) {
            return null;
        }
        long start = in.position();
        if (endPosition - start < MakV1Layout.MIN_RECORD_SIZE) {
            throw in.error(start, "a record of at least " + MakV1Layout.MIN_RECORD_SIZE + " bytes before the end position "
                    + endPosition, (endPosition - start) + " bytes");
        }
        byte[] key = in.readBytes(in.readLong("key length"), endPosition - LENGTH_FIELD - OFFSET_FIELD, "key");
        byte[] value = in.readBytes(in.readLong("value length"), endPosition - OFFSET_FIELD, "value");
        long offset = in.readLong("offset");
        if (offset < 0) {
            throw in.error(start, "a record offset below 2^63", Long.toUnsignedString(offset));
        }
        return MakRecord.of(offset, key, value);
    }
}
