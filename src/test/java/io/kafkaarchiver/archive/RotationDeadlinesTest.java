package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines by age, on a clock the test moves: due in order, each once, and the trigger asked to fire earlier when needed. */
class RotationDeadlinesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static WorkFile file(int partition, long start) {
        return new WorkFile(new TopicPartition("orders", partition), Life.UNKNOWN, start, Stage.IN_PROGRESS, Compression.NONE);
    }

    @Test
    void filesComeDueInDeadlineOrderEachOnce() {
        RotationDeadlines deadlines = new RotationDeadlines();
        deadlines.add(file(1, 0), T0.plusSeconds(30));
        deadlines.add(file(2, 0), T0.plusSeconds(10));
        deadlines.add(file(3, 0), T0.plusSeconds(20));
        assertThat(deadlines.earliest()).contains(T0.plusSeconds(10));
        assertThat(deadlines.takeDue(T0.plusSeconds(9))).isEmpty();
        assertThat(deadlines.takeDue(T0.plusSeconds(20))).containsExactly(file(2, 0), file(3, 0));
        assertThat(deadlines.takeDue(T0.plusSeconds(20))).isEmpty();
        assertThat(deadlines.earliest()).contains(T0.plusSeconds(30));
    }

    @Test
    void aRotatedFileHasNoDeadlineAndAMovedOneKeepsOnlyItsNewOne() {
        RotationDeadlines deadlines = new RotationDeadlines();
        deadlines.add(file(1, 0), T0.plusSeconds(10));
        deadlines.add(file(2, 0), T0.plusSeconds(10));
        deadlines.remove(file(1, 0));
        deadlines.add(file(2, 0), T0.plusSeconds(40));
        assertThat(deadlines.takeDue(T0.plusSeconds(30))).isEmpty();
        assertThat(deadlines.takeDue(T0.plusSeconds(40))).containsExactly(file(2, 0));
        assertThat(deadlines.earliest()).isEmpty();
    }

    @Test
    void onlyADeadlineBeforeTheNextFiringMovesTheTrigger() {
        RotationDeadlines deadlines = new RotationDeadlines();
        List<Instant> asked = new ArrayList<>();
        deadlines.firingAt(T0.plus(Duration.ofSeconds(10)), asked::add);
        deadlines.add(file(1, 0), T0.plusSeconds(15));
        deadlines.add(file(2, 0), T0.plusSeconds(5));
        assertThat(asked).containsExactly(T0.plusSeconds(5));
    }
}
