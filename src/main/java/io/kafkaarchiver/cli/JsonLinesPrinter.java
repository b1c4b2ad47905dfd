package io.kafkaarchiver.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.RecordHeader;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON object per record per line. Bytes are base64 and null is JSON null; timestamps and
 * headers appear for MAK v2 only, because v1 never recorded them.
 */
final class JsonLinesPrinter implements RecordPrinter {

    private final OutputStream out;
    private final JsonFactory factory = new JsonFactory();

    JsonLinesPrinter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void fileStart(MakFileHeader header, MakVersion version) {
        // Every line carries its topic and partition, so there is no separate file line.
    }

    @Override
    public void record(MakFileHeader header, MakVersion version, MakRecord record) throws IOException {
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeStringField("topic", header.topic());
            json.writeNumberField("partition", header.partition());
            json.writeNumberField("offset", record.offset());
            if (version == MakVersion.V2) {
                if (record.hasTimestamp()) {
                    json.writeNumberField("timestamp", record.timestamp());
                } else {
                    json.writeNullField("timestamp");
                }
                json.writeStringField("timestampType", record.timestampType().displayName());
            }
            writeBytes(json, "key", record.key());
            writeBytes(json, "value", record.value());
            if (version == MakVersion.V2) {
                json.writeArrayFieldStart("headers");
                for (RecordHeader h : record.headers()) {
                    json.writeStartObject();
                    json.writeStringField("key", h.key());
                    writeBytes(json, "value", h.value());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static void writeBytes(JsonGenerator json, String field, byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNullField(field);
        } else {
            json.writeBinaryField(field, bytes);
        }
    }
}
