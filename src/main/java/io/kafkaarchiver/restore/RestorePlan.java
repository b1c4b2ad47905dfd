package io.kafkaarchiver.restore;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.mak.MakVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which objects a restore reads, per partition in offset order, chosen by their metadata: those of
 * the chosen partitions that may hold records of the window, less those whose offsets an earlier
 * object of the partition holds already (after a rebalance two objects can hold the same offsets).
 *
 * @param archivePartitions how many partitions the archive has for the topic (its highest + 1)
 */
public record RestorePlan(String topic, RestoreWindow window, int archivePartitions, List<PartitionPlan> partitions) {

    /** One partition's objects, in offset order. */
    public record PartitionPlan(int partition, List<ArchivedObject> objects) {

        /**
         * At most how many records are left to restore from {@code nextOffset} on: exact counts need
         * reading the objects, as compaction and time windows leave offsets out.
         */
        public long estimatedRecords(RestoreWindow window, long nextOffset) {
            long estimate = 0;
            long covered = Math.max(window.fromOffset(), nextOffset) - 1;
            for (ArchivedObject o : objects) {
                long from = Math.max(o.startOffset(), covered + 1);
                long to = Math.min(o.endOffset(), window.toOffset());
                if (to >= from) {
                    estimate += Math.min(o.recordCount(), to - from + 1);
                }
                covered = Math.max(covered, o.endOffset());
            }
            return estimate;
        }

        public long firstOffset(RestoreWindow window) {
            return Math.max(window.fromOffset(), objects.get(0).startOffset());
        }

        public long lastOffset(RestoreWindow window) {
            return Math.min(window.toOffset(), objects.stream().mapToLong(ArchivedObject::endOffset).max().orElseThrow());
        }
    }

    /**
     * @param archived   the topic's objects, sorted by partition and start offset (as the catalog lists them)
     * @param partitions the partitions to restore; empty for all the archive has
     */
    public static RestorePlan of(String topic, List<ArchivedObject> archived, Set<Integer> partitions, RestoreWindow window) {
        TreeMap<Integer, List<ArchivedObject>> byPartition = archived.stream().filter(o -> o.topic().equals(topic))
                .collect(Collectors.groupingBy(ArchivedObject::partition, TreeMap::new, Collectors.toList()));
        if (byPartition.isEmpty()) {
            throw RestoreException.badRequest("the archive holds no objects of topic " + topic);
        }
        Set<Integer> missing = new TreeSet<>(partitions);
        missing.removeAll(byPartition.keySet());
        if (!missing.isEmpty()) {
            throw RestoreException.badRequest("the archive of " + topic + " has no partition " + missing.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " (it has " + byPartition.keySet().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ")");
        }
        List<PartitionPlan> plans = new ArrayList<>();
        for (var entry : byPartition.entrySet()) {
            if (partitions.isEmpty() || partitions.contains(entry.getKey())) {
                if (window.timeBounded() && entry.getValue().stream().anyMatch(RestorePlan::isMak1)) {
                    throw RestoreException.badRequest("the archive of " + topic + " partition " + entry.getKey() + " holds MAK v1 objects, "
                            + "whose records carry no timestamps: a time window (from/to) cannot select them; choose an offset window instead");
                }
                List<ArchivedObject> chosen = choose(entry.getValue(), window);
                if (!chosen.isEmpty()) {
                    plans.add(new PartitionPlan(entry.getKey(), chosen));
                }
            }
        }
        return new RestorePlan(topic, window, byPartition.lastKey() + 1, List.copyOf(plans));
    }

    private static boolean isMak1(ArchivedObject o) {
        return o.format().equals(MakVersion.V1.cliName());
    }

    /** The objects in the window, in offset order, without those an earlier one holds entirely. */
    private static List<ArchivedObject> choose(List<ArchivedObject> objects, RestoreWindow window) {
        List<ArchivedObject> chosen = new ArrayList<>();
        long covered = -1;
        for (ArchivedObject o : objects) {
            // Sorted by start offset, an object ending within what is covered lies inside the one that covers it.
            if (window.overlaps(o) && o.endOffset() > covered) {
                chosen.add(o);
                covered = o.endOffset();
            }
        }
        return chosen;
    }

    public long objectCount() {
        return partitions.stream().mapToLong(p -> p.objects().size()).sum();
    }

    public long mak1Objects() {
        return partitions.stream().flatMap(p -> p.objects().stream()).filter(RestorePlan::isMak1).count();
    }

    /** At most how many records are left, given each partition's next offset (absent: the window's start). */
    public long estimatedRecords(Map<Integer, Long> nextOffsets) {
        return partitions.stream().mapToLong(p -> p.estimatedRecords(window, nextOffsets.getOrDefault(p.partition(), 0L))).sum();
    }
}
