package io.kafkaarchiver.restore;

import io.kafkaarchiver.topics.CommittedOffsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Places the consumer groups' committed offsets, as the archive recorded them on the source topic, on
 * the target topic through the offset map: a group whose next record was source offset N reads next the
 * first restored record at or after N; past every restored record, it goes to the target's end.
 */
final class GroupPositions {

    /** Whether any record at or after a source offset is still to be restored into a partition. */
    @FunctionalInterface
    interface Pending {
        boolean after(int partition, long sourceOffset);

        /** After the restore: nothing is. */
        Pending NONE = (partition, sourceOffset) -> false;
    }

    private GroupPositions() {
    }

    /** Per partition restored, the source offsets the groups are at: what to look up in the offset map. */
    static Map<Integer, Set<Long>> wanted(CommittedOffsets recorded, Set<String> groups, IntPredicate restored) {
        Map<Integer, Set<Long>> wanted = new HashMap<>();
        groups.forEach(g -> recorded.groups().getOrDefault(g, Collections.emptySortedMap()).forEach((p, c) -> {
            if (restored.test(p)) {
                wanted.computeIfAbsent(p, x -> new TreeSet<>()).add(c.offset());
            }
        }));
        return wanted;
    }

    /**
     * @param restored       the partitions restored (and present in the target)
     * @param firstAtOrAfter from the offset map: per partition, per source offset, the target offset of the first restored record at or after it
     * @param pending        whether records at or after a source offset are yet to be restored (a dry run), so its place is not known
     * @param ends           the target partitions' end offsets after the restore; empty in a dry run
     */
    static List<GroupPosition> place(CommittedOffsets recorded, Set<String> groups, IntPredicate restored,
                                     Map<Integer, Map<Long, Long>> firstAtOrAfter, Pending pending, Map<Integer, Long> ends) {
        List<GroupPosition> positions = new ArrayList<>();
        for (String group : new TreeSet<>(groups)) {
            recorded.groups().getOrDefault(group, Collections.emptySortedMap()).forEach((p, c) -> {
                long n = c.offset();
                Long target = firstAtOrAfter.getOrDefault(p, Map.of()).get(n);
                GroupPosition position;
                if (!restored.test(p)) {
                    position = new GroupPosition(group, p, n, GroupPosition.Placement.NOT_RESTORED, -1);
                } else if (target != null) {
                    position = new GroupPosition(group, p, n, GroupPosition.Placement.RECORD, target);
                } else if (pending.after(p, n)) {
                    position = new GroupPosition(group, p, n, GroupPosition.Placement.PENDING, -1);
                } else {
                    position = new GroupPosition(group, p, n, GroupPosition.Placement.END, ends.getOrDefault(p, -1L));
                }
                positions.add(position);
            });
        }
        return positions;
    }
}
