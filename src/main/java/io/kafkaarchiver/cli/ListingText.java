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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ls} for people: a block per topic-partition (and life of the topic, when it has been deleted and
 * created again), a row per object with the topic id it is of, and the partition's totals.
 */
final class ListingText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PrintStream out;

    ListingText(PrintStream out) {
        this.out = out;
    }

    /** @param objects in topic, partition and offset order */
    void print(String archive, String source, List<ArchivedObject> objects) {
        if (objects.isEmpty()) {
            out.println(archive + ", " + source + ": no objects");
            return;
        }
        out.println(archive + ", " + source + ": " + count(objects.size()));
        Map<Block, List<ArchivedObject>> blocks = new LinkedHashMap<>();
        objects.forEach(o -> blocks.computeIfAbsent(new Block(o.topicPartition(), o.topicId()), b -> new ArrayList<>()).add(o));
        Set<String> severalLives = blocks.keySet().stream().collect(Collectors.groupingBy(b -> b.partition().topic(),
                Collectors.mapping(Block::topicId, Collectors.toSet()))).entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        TextTable table = new TextTable("key", "offsets", "records", "time (UTC)", "size", "format", "topic id").alignRight(2, 4);
        blocks.forEach((block, held) -> {
            TopicPartition partition = block.partition();
            table.line(partition.topic() + "/" + partition.partition()
                    + (severalLives.contains(partition.topic()) ? ", topic id " + block.topicId().orElse("unknown") : ""));
            for (ArchivedObject o : held) {
                table.row(o.key(), o.startOffset() + ".." + o.endOffset(), o.recordCount(), timeRange(o), ByteCount.of(o.size()),
                        o.format() + " " + o.compression(), o.topicId().orElse("-"));
            }
            table.row("total", held.get(0).startOffset() + ".." + held.stream().mapToLong(ArchivedObject::endOffset).max().orElseThrow(),
                    held.stream().mapToLong(ArchivedObject::recordCount).sum(), "",
                    ByteCount.of(held.stream().mapToLong(ArchivedObject::size).sum()), count(held.size()), "");
        });
        table.print(out, "  ");
    }

    /** The objects of one partition in one life of its topic. */
    private record Block(TopicPartition partition, Optional<String> topicId) {
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
