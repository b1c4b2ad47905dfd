package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.CommitPoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Commits only go forward, per partition and life, and only for partitions this consumer owns. */
class CommitQueueTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final String LIFE = "id-1";

    @Test
    void anUploadThatFinishesLateNeverMovesTheCommitBack() {
        CommitQueue queue = owning(CommitPoint.NONE);
        // Two uploads finish out of order: the later object's completion saw the earlier one gone already.
        queue.offer(TP, new CommitPoint(200, LIFE));
        commit(queue);
        queue.offer(TP, new CommitPoint(100, LIFE));

        assertThat(queue.takeFor(Set.of(TP))).as("behind what was committed").isEmpty();
    }

    @Test
    void aLowerOfferWhilePendingKeepsTheHigherOne() {
        CommitQueue queue = owning(CommitPoint.NONE);
        queue.offer(TP, new CommitPoint(200, LIFE));
        queue.offer(TP, new CommitPoint(100, LIFE));

        assertThat(queue.takeFor(Set.of(TP))).containsExactly(Map.entry(TP, new CommitPoint(200, LIFE)));
    }

    @Test
    void nothingBehindTheGroupsOffsetFoundAtAssignmentIsCommitted() {
        CommitQueue queue = owning(new CommitPoint(500, LIFE));
        // This instance's own older file, uploaded after another owner had archived past it.
        queue.offer(TP, new CommitPoint(300, LIFE));

        assertThat(queue.takeFor(Set.of(TP))).isEmpty();
    }

    @Test
    void offersForAPartitionNotOwnedAreDroppedNotKeptForItsReturn() {
        CommitQueue queue = owning(CommitPoint.NONE);
        queue.offer(TP, new CommitPoint(100, LIFE));
        queue.released(List.of(TP));
        queue.offer(TP, new CommitPoint(150, LIFE));
        assertThat(queue.isEmpty()).as("offers for a partition that left").isTrue();

        // It comes back, and the group's offset says its other owner archived up to 120 meanwhile.
        queue.assigned(Map.of(TP, new CommitPoint(120, LIFE)));

        assertThat(queue.takeFor(Set.of(TP))).isEmpty();
    }

    @Test
    void anOfferOfALaterLifeReplacesTheEarlierLifes() {
        CommitQueue queue = owning(new CommitPoint(900, LIFE));
        queue.offer(TP, new CommitPoint(5, "id-2"));

        assertThat(queue.takeFor(Set.of(TP))).containsExactly(Map.entry(TP, new CommitPoint(5, "id-2")));
    }

    private static CommitQueue owning(CommitPoint group) {
        CommitQueue queue = new CommitQueue();
        queue.assigned(Map.of(TP, group));
        return queue;
    }

    private static void commit(CommitQueue queue) {
        Map<TopicPartition, CommitPoint> taken = queue.takeFor(Set.of(TP));
        assertThat(taken).isNotEmpty();
        queue.committed(taken);
    }
}
