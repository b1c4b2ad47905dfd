package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;

/** How {@code mak cat} shows a file: kafkatos3_parse's text, or JSON lines. */
interface RecordPrinter {

    void fileStart(MakFileHeader header, MakVersion version) throws IOException;

    void record(MakFileHeader header, MakVersion version, MakRecord record) throws IOException;
}
