package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchivedObject;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** {@code ls} for people: a block per topic-partition, a row per object, and the partition's totals. */
final class ListingText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PrintStream out;

    ListingText(PrintStream out) {
        this.out = out;
    }

    /** @param objects in topic, partition and offset order */
    void print(String bucket, String source, List<ArchivedObject> objects) {
        if (objects.isEmpty()) {
            out.println("bucket " + bucket + ", " + source + ": no objects");
            return;
        }
        out.println("bucket " + bucket + ", " + source + ": " + count(objects.size()));
        Map<TopicPartition, List<ArchivedObject>> byPartition = new LinkedHashMap<>();
        objects.forEach(o -> byPartition.computeIfAbsent(o.topicPartition(), p -> new ArrayList<>()).add(o));
        TextTable table = new TextTable("key", "offsets", "records", "time (UTC)", "size", "format").alignRight(2, 4);
        byPartition.forEach((partition, held) -> {
            table.line(partition.topic() + "/" + partition.partition());
            for (ArchivedObject o : held) {
                table.row(o.key(), o.startOffset() + ".." + o.endOffset(), o.recordCount(), timeRange(o), ByteCount.of(o.size()),
                        o.format() + " " + o.compression());
            }
            table.row("total", held.get(0).startOffset() + ".." + held.stream().mapToLong(ArchivedObject::endOffset).max().orElseThrow(),
                    held.stream().mapToLong(ArchivedObject::recordCount).sum(), "",
                    ByteCount.of(held.stream().mapToLong(ArchivedObject::size).sum()), count(held.size()));
        });
        table.print(out, "  ");
    }

    private static String count(int objects) {
        return objects + (objects == 1 ? " object" : " objects");
    }

    private static String timeRange(ArchivedObject o) {
        if (o.minTimestamp() < 0) {
            return "(no timestamps)";
        }
        return TIME.format(Instant.ofEpochMilli(o.minTimestamp())) + ".." + TIME.format(Instant.ofEpochMilli(o.maxTimestamp()));
    }
}
