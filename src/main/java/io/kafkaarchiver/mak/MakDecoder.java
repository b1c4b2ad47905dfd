package io.kafkaarchiver.mak;

import java.io.IOException;
import java.util.Optional;

/** Reads one MAK version's records from a stream positioned after the magic. */
sealed interface MakDecoder permits MakV1Decoder, MakV2Decoder {

    MakFileHeader header();

    /** The file's figures where the file records them without a scan (v2); empty for v1. */
    Optional<MakSummary> summary();

    /** The commit point: the position just past the last complete record. */
    long endPosition();

    /** @return the next record, or null once the commit point is reached */
    MakRecord next() throws IOException;
}
