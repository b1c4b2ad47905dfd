package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints what kafkatos3_parse prints, line for line (its "Staring offset" spelling included, since
 * scripts match on it). Keys and values go out as their raw bytes, as kafkatos3_parse wrote them.
 */
final class Kafkatos3TextPrinter implements RecordPrinter {

    private final OutputStream out;

    Kafkatos3TextPrinter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void fileStart(MakFileHeader header, MakVersion version) throws IOException {
        text("File topic is " + header.topic() + "\n"
                + "File partition is " + header.partition() + "\n"
                + "Staring offset is " + header.startOffset() + "\n"
                + "File created at " + header.startTimeSeconds() + "\n");
    }

    @Override
    public void record(MakFileHeader header, MakVersion version, MakRecord record) throws IOException {
        text("Processing message with offset: " + record.offset() + ", key: ");
        raw(record.key());
        text(", value: ");
        raw(record.value());
        text("\n");
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private void raw(byte[] bytes) throws IOException {
        if (bytes != null) {
            out.write(bytes);
        }
    }
}
