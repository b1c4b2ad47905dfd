package io.kafkaarchiver.consumer;

import java.time.Duration;
import java.util.List;
import org.apache.camel.clock.Clock;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which records camel-kafka fetched before their partition came back: told by the monotonic clock, never the wall clock. */
class AssignmentsTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @Test
    void aRecordFetchedAfterTheAssignmentIsWrittenEvenWhenTheWallClockSteppedBack() {
        Assignments assignments = new Assignments();
        assignments.assigned(List.of(TP));

        // NTP stepped the wall clock back an hour right after the assignment: the exchange's wall time lies before it.
        Clock madeNow = exchangeClock(0, System.currentTimeMillis() - Duration.ofHours(1).toMillis());

        assertThat(assignments.fetchedBeforeAssignment(TP, madeNow)).isFalse();
    }

    @Test
    void aRecordFetchedBeforeTheAssignmentIsLeftOutEvenWhenTheWallClockSteppedForward() {
        Assignments assignments = new Assignments();
        assignments.assigned(List.of(TP));
        // Made a minute before the assignment on the monotonic clock, its wall time an hour ahead.
        Clock kept = exchangeClock(Duration.ofMinutes(1).toMillis(), System.currentTimeMillis() + Duration.ofHours(1).toMillis());

        assertThat(assignments.fetchedBeforeAssignment(TP, kept)).isTrue();
        assertThat(assignments.fetchedBeforeAssignment(new TopicPartition("orders", 1), kept)).as("a partition never assigned").isFalse();
    }

    @Test
    void aPartitionReleasedLeavesNothingOut() {
        Assignments assignments = new Assignments();
        assignments.assigned(List.of(TP));
        assignments.released(List.of(TP));

        assertThat(assignments.fetchedBeforeAssignment(TP, exchangeClock(60_000, 0))).isFalse();
    }

    /** An exchange's clock: made {@code elapsedMillis} ago on the monotonic clock, at {@code createdMillis} on the wall clock. */
    private static Clock exchangeClock(long elapsedMillis, long createdMillis) {
        return new Clock() {
            @Override
            public long elapsed() {
                return elapsedMillis;
            }

            @Override
            public long getCreated() {
                return createdMillis;
            }
        };
    }
}
