package io.kafkaarchiver.restore;

import io.kafkaarchiver.restore.GroupPosition.Placement;
import io.kafkaarchiver.topics.CommittedOffsets;
import io.kafkaarchiver.topics.CommittedOffsets.Committed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A consumer group's committed offsets on the source, placed on the target through the offset map. */
class GroupPositionsTest {

    @TempDir
    Path dir;

    /**
     * Partition 0 restored source offsets 100..104 at target 0..4, skipping 102 (compacted away);
     * partition 1 restored 10 and 11 at target 50 and 51.
     */
    private Path offsetMap() throws IOException {
        Path file = dir.resolve("map.csv");
        Files.write(file, List.of(OffsetMap.HEADER, "0,100,0,0", "0,101,0,1", "0,103,0,2", "0,104,0,3", "1,10,1,50", "1,11,1,51"));
        return file;
    }

    private static CommittedOffsets billingAt(Map<Integer, Long> offsets) {
        return CommittedOffsets.of(Map.of("billing", offsets.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> new Committed(e.getValue(), "")))));
    }

    private List<GroupPosition> afterRestore(CommittedOffsets recorded, Set<Integer> restored) throws IOException {
        Map<Integer, Set<Long>> wanted = GroupPositions.wanted(recorded, Set.of("billing"), restored::contains);
        return GroupPositions.place(recorded, Set.of("billing"), restored::contains,
                OffsetMap.firstAtOrAfter(offsetMap(), wanted, Map.of(0, Long.MAX_VALUE, 1, Long.MAX_VALUE)),
                GroupPositions.Pending.NONE, Map.of(0, 4L, 1, 60L));
    }

    @Test
    void aGroupReadsOnFromTheSameRecordOrTheFirstRestoredAfterIt() throws IOException {
        assertThat(afterRestore(billingAt(Map.of(0, 101L)), Set.of(0, 1))).containsExactly(
                new GroupPosition("billing", 0, 101, Placement.RECORD, 1));
        // 102 is not in the archive (compacted): the group reads next what came after it.
        assertThat(afterRestore(billingAt(Map.of(0, 102L)), Set.of(0, 1))).containsExactly(
                new GroupPosition("billing", 0, 102, Placement.RECORD, 2));
        // Before the restored window: the first restored record.
        assertThat(afterRestore(billingAt(Map.of(0, 3L)), Set.of(0, 1))).containsExactly(
                new GroupPosition("billing", 0, 3, Placement.RECORD, 0));
    }

    @Test
    void pastTheRestoredRecordsAGroupGoesToTheEndAndUnrestoredPartitionsAreLeftAlone() throws IOException {
        assertThat(afterRestore(billingAt(Map.of(0, 105L, 1, 11L, 2, 7L)), Set.of(0, 1))).containsExactly(
                new GroupPosition("billing", 0, 105, Placement.END, 4),
                new GroupPosition("billing", 1, 11, Placement.RECORD, 51),
                new GroupPosition("billing", 2, 7, Placement.NOT_RESTORED, -1));
    }

    @Test
    void beforeTheRecordsAreWrittenOnlyCheckpointedLinesCountAndTheRestIsPending() throws IOException {
        CommittedOffsets recorded = billingAt(Map.of(0, 103L, 1, 10L));
        Map<Integer, Set<Long>> wanted = GroupPositions.wanted(recorded, Set.of("billing"), p -> true);
        // Partition 0 is checkpointed up to source offset 103 (not included); partition 1 not at all.
        Map<Integer, Map<Long, Long>> known = OffsetMap.firstAtOrAfter(offsetMap(), wanted, Map.of(0, 103L));
        List<GroupPosition> planned = GroupPositions.place(recorded, Set.of("billing"), p -> true, known, (p, n) -> true, Map.of());

        assertThat(planned).containsExactly(new GroupPosition("billing", 0, 103, Placement.PENDING, -1),
                new GroupPosition("billing", 1, 10, Placement.PENDING, -1));
        assertThat(planned.get(0).describe("t2")).isEqualTo("billing partition 0: source offset 103 -> the target offset of the first "
                + "restored record from there on (known once the records are written)");

        Map<Integer, Map<Long, Long>> checkpointed = OffsetMap.firstAtOrAfter(offsetMap(), wanted, Map.of(0, 104L));
        List<GroupPosition> resumed = GroupPositions.place(recorded, Set.of("billing"), p -> p == 0, checkpointed, (p, n) -> true, Map.of());
        assertThat(resumed).containsExactly(new GroupPosition("billing", 0, 103, Placement.RECORD, 2),
                new GroupPosition("billing", 1, 10, Placement.NOT_RESTORED, -1));
        assertThat(resumed.get(0).describe("t2")).isEqualTo("billing partition 0: source offset 103 -> offset 2 of t2 "
                + "(the same record, or the first restored after it)");
    }
}
