package io.kafkaarchiver.restore;

import java.util.Optional;
import io.kafkaarchiver.catalog.ArchivedObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which objects a restore reads: chosen by metadata, in offset order, each offset's object read once. */
class RestorePlanTest {

    private static final long T0 = 1_700_000_000_000L;

    static ArchivedObject object(int partition, long start, long end, long count, long minTime, long maxTime, String format) {
        return new ArchivedObject("orders/" + partition + "/" + start, "orders", partition, start, end, count, minTime, maxTime, format, "gzip", 1000, Optional.empty(), Optional.empty());
    }

    static ArchivedObject object(int partition, long start, long end) {
        return object(partition, start, end, end - start + 1, T0 + start, T0 + end, "mak2");
    }

    private static final List<ArchivedObject> ARCHIVE = List.of(
            object(0, 0, 99), object(0, 100, 199), object(0, 200, 299),
            object(1, 0, 99), object(1, 100, 199),
            object(3, 0, 49));

    @Test
    void takesEveryPartitionTheArchiveHasWhenNoneIsChosen() {
        RestorePlan plan = RestorePlan.of("orders", ARCHIVE, Set.of(), RestoreWindow.ALL);
        assertThat(plan.partitions()).extracting(RestorePlan.PartitionPlan::partition).containsExactly(0, 1, 3);
        assertThat(plan.archivePartitions()).isEqualTo(4);
        assertThat(plan.objectCount()).isEqualTo(6);
        assertThat(plan.estimatedRecords(Map.of())).isEqualTo(550);
    }

    @Test
    void offsetWindowKeepsOnlyTheObjectsThatHoldItsOffsetsAndCountsAtMostThose() {
        RestorePlan plan = RestorePlan.of("orders", ARCHIVE, Set.of(0), RestoreWindow.of(150L, 220L, null, null));
        assertThat(plan.partitions()).singleElement().satisfies(p -> {
            assertThat(p.objects()).extracting(ArchivedObject::startOffset).containsExactly(100L, 200L);
            assertThat(p.firstOffset(plan.window())).isEqualTo(150);
            assertThat(p.lastOffset(plan.window())).isEqualTo(220);
        });
        assertThat(plan.estimatedRecords(Map.of())).isEqualTo(71);
        // After a checkpoint at 200, what is left is 200..220.
        assertThat(plan.estimatedRecords(Map.of(0, 200L))).isEqualTo(21);
    }

    @Test
    void timeWindowKeepsTheObjectsWhoseTimeRangeMeetsIt() {
        RestorePlan plan = RestorePlan.of("orders", ARCHIVE, Set.of(0), RestoreWindow.of(null, null, null,
                java.time.Instant.ofEpochMilli(T0 + 100)));
        // The second object starts at T0 + 100, which the window excludes.
        assertThat(plan.partitions().get(0).objects()).extracting(ArchivedObject::startOffset).containsExactly(0L);
    }

    @Test
    void anObjectInsideAnEarlierOneIsNotReadAgainAndOverlapsAreCountedOnce() {
        List<ArchivedObject> rebalanced = List.of(object(0, 0, 99), object(0, 40, 60), object(0, 50, 149), object(0, 100, 149));
        RestorePlan plan = RestorePlan.of("orders", rebalanced, Set.of(), RestoreWindow.ALL);
        assertThat(plan.partitions().get(0).objects()).extracting(ArchivedObject::startOffset).containsExactly(0L, 50L);
        assertThat(plan.estimatedRecords(Map.of())).isEqualTo(150);
    }

    @Test
    void compactedObjectsCountTheirRecordsNotTheirOffsets() {
        RestorePlan plan = RestorePlan.of("orders", List.of(object(0, 0, 999, 10, T0, T0 + 9, "mak2")), Set.of(), RestoreWindow.ALL);
        assertThat(plan.estimatedRecords(Map.of())).isEqualTo(10);
    }

    @Test
    void aPartitionTheArchiveLacksIsNamedWithThoseItHas() {
        assertThatThrownBy(() -> RestorePlan.of("orders", ARCHIVE, Set.of(2, 7), RestoreWindow.ALL))
                .isInstanceOf(RestoreException.class)
                .hasMessage("the archive of orders has no partition 2, 7 (it has 0, 1, 3)")
                .matches(e -> ((RestoreException) e).isBadRequest());
    }

    @Test
    void aTimeWindowOverMak1ObjectsIsRefusedRatherThanSilentlyEmpty() {
        List<ArchivedObject> v1 = List.of(object(0, 0, 99, 100, -1, -1, "mak1"));
        assertThatThrownBy(() -> RestorePlan.of("orders", v1, Set.of(), RestoreWindow.of(null, null, java.time.Instant.ofEpochMilli(T0), null)))
                .isInstanceOf(RestoreException.class).hasMessageContaining("MAK v1").hasMessageContaining("offset window");
        RestorePlan plan = RestorePlan.of("orders", v1, Set.of(), RestoreWindow.of(10L, 20L, null, null));
        assertThat(plan.mak1Objects()).isEqualTo(1);
    }
}
