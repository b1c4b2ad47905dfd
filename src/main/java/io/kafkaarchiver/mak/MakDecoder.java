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

    /** Why the commit point could not be used, when recovering: the records are then read up to the file's size; null when it is sound. */
    MakFormatException commitPointDamage();

    /** @return the next record, or null once the commit point is reached */
    MakRecord next() throws IOException;
}
