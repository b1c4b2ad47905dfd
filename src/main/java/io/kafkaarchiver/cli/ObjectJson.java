package io.kafkaarchiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaarchiver.catalog.ArchivedObject;

/** One archive object as a JSON line, with the fields (and names) of its manifest entry. */
final class ObjectJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectJson() {
    }

    static String line(ArchivedObject o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", o.key());
        n.put("topic", o.topic());
        n.put("partition", o.partition());
        n.put("start_offset", o.startOffset());
        n.put("end_offset", o.endOffset());
        n.put("record_count", o.recordCount());
        n.put("min_timestamp", o.minTimestamp());
        n.put("max_timestamp", o.maxTimestamp());
        n.put("format", o.format());
        n.put("compression", o.compression());
        n.put("size", o.size());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.key() + " as JSON", e);
        }
    }
}
