package io.kafkaarchiver.topics;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The committed offsets of consumer groups on one topic: per group id, per partition, the offset of
 * the next record the group will read and the metadata committed with it (Kafka Streams keeps its
 * stream time there).
 */
public record CommittedOffsets(SortedMap<String, SortedMap<Integer, Committed>> groups) {

    /** One committed position: the next offset to read, and what the consumer committed with it ("" for nothing). */
    public record Committed(long offset, String metadata) {

        public Committed {
            metadata = metadata == null ? "" : metadata;
        }
    }

    public static final CommittedOffsets NONE = new CommittedOffsets(new TreeMap<>());

    public CommittedOffsets {
        SortedMap<String, SortedMap<Integer, Committed>> copy = new TreeMap<>();
        groups.forEach((group, offsets) -> copy.put(group, Collections.unmodifiableSortedMap(new TreeMap<>(offsets))));
        groups = Collections.unmodifiableSortedMap(copy);
    }

    public static CommittedOffsets of(Map<String, ? extends Map<Integer, Committed>> groups) {
        SortedMap<String, SortedMap<Integer, Committed>> sorted = new TreeMap<>();
        groups.forEach((group, offsets) -> sorted.put(group, new TreeMap<>(offsets)));
        return new CommittedOffsets(sorted);
    }
}
