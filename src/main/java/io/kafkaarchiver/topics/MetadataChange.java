package io.kafkaarchiver.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One difference between two versions of a topic's metadata: its partition count, its replication
 * factor or one configuration entry, before and after ({@code null}: not set).
 */
public record MetadataChange(String name, String before, String after) {

    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication factor";

    /** What changed from {@code before} to {@code after}: partitions, replication factor, then entries by name. */
    public static List<MetadataChange> between(TopicMetadata before, TopicMetadata after) {
        List<MetadataChange> changes = new ArrayList<>();
        add(changes, PARTITIONS, Integer.toString(before.partitions()), Integer.toString(after.partitions()));
        add(changes, REPLICATION_FACTOR, Integer.toString(before.replicationFactor()), Integer.toString(after.replicationFactor()));
        changes.addAll(between(before.configs(), after.configs()));
        return changes;
    }

    /** The configuration entries added, changed or removed from {@code before} to {@code after}, by name. */
    public static List<MetadataChange> between(Map<String, String> before, Map<String, String> after) {
        List<MetadataChange> changes = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        names.forEach(name -> add(changes, name, before.get(name), after.get(name)));
        return changes;
    }

    private static void add(List<MetadataChange> changes, String name, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new MetadataChange(name, before, after));
        }
    }

    /** {@code retention.ms 86400000 -> 604800000}, {@code retention.ms set to 86400000}, {@code retention.ms unset (was 86400000)}. */
    @Override
    public String toString() {
        if (before == null) {
            return name + " set to " + after;
        }
        if (after == null) {
            return name + " unset (was " + before + ")";
        }
        return name + " " + before + " -> " + after;
    }
}
