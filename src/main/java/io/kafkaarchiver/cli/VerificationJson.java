package io.kafkaarchiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaarchiver.verify.DamagedObject;
import io.kafkaarchiver.verify.Gap;
import io.kafkaarchiver.verify.Overlap;
import io.kafkaarchiver.verify.PartitionVerdict;
import io.kafkaarchiver.verify.Verification;
import java.util.Locale;

/** {@code verify --json}: one document for monitoring, "ok" first. */
final class VerificationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerificationJson() {
    }

    static String of(String archive, String kafkaNote, Verification v) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ok", v.ok());
        root.put("archive", archive);
        ArrayNode sources = root.putArray("sources");
        v.sources().forEach(s -> sources.add(s.name().toLowerCase(Locale.ROOT)));
        root.put("kafka_compared", v.withoutKafka().isEmpty());
        root.put("kafka", kafkaNote);
        ArrayNode problems = root.putArray("problems");
        v.problems().forEach(problems::add);
        ArrayNode partitions = root.putArray("partitions");
        v.partitions().forEach(p -> partition(partitions.addObject(), p));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the verification as JSON", e);
        }
    }

    private static void partition(ObjectNode n, PartitionVerdict p) {
        n.put("topic", p.partition().topic());
        n.put("partition", p.partition().partition());
        n.put("topic_id", p.topicId().orElse(null));
        n.put("life", p.life().word());
        n.put("status", p.status().name());
        n.put("objects", p.coverage().objectCount());
        n.put("records", p.coverage().recordCount());
        if (p.coverage().isEmpty()) {
            n.putNull("first_offset");
            n.putNull("last_offset");
        } else {
            n.put("first_offset", p.coverage().firstOffset());
            n.put("last_offset", p.coverage().lastOffset());
        }
        if (p.kafka().isPresent()) {
            n.put("kafka_log_start", p.kafka().get().start());
            n.put("kafka_log_end", p.kafka().get().end());
            n.put("lag", p.lag().orElseThrow());
        } else {
            n.putNull("kafka_log_start");
            n.putNull("kafka_log_end");
            n.putNull("lag");
        }
        ArrayNode gaps = n.putArray("gaps");
        for (Gap g : p.gaps()) {
            gaps.addObject().put("from", g.from()).put("to", g.to())
                    .put("evidence", g.evidence().name().toLowerCase(Locale.ROOT)).put("description", g.evidence().description());
        }
        ArrayNode overlaps = n.putArray("overlaps");
        for (Overlap o : p.coverage().overlaps()) {
            ObjectNode overlap = overlaps.addObject().put("from", o.from()).put("to", o.to());
            overlap.putArray("keys").add(o.firstKey()).add(o.secondKey());
        }
        ArrayNode damaged = n.putArray("damaged");
        for (DamagedObject d : p.damaged()) {
            damaged.addObject().put("key", d.key()).put("missing", d.missing()).put("reason", d.reason());
        }
        ArrayNode warnings = n.putArray("warnings");
        p.warnings().forEach(warnings::add);
        ArrayNode notes = n.putArray("notes");
        p.notes().forEach(notes::add);
    }
}
