package io.kafkaarchiver.replay;

import io.kafkaarchiver.restore.RestoreWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayCheckpointTest {

    private static final RestoreWindow DAY = RestoreWindow.of(null, null, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));
    private static final ReplayCheckpoint.Replay ORDERS = new ReplayCheckpoint.Replay("orders", "kJ2x9Q3aRZm1sQnQ0c9f1w", DAY);

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aReplayStartedAgainResumesAfterTheLastCompletedRecordOfEachPartition() {
        Path file = dir.resolve("orders.replay.json");
        ReplayCheckpoint first = open(file, ORDERS, 3, Duration.ofHours(1));
        first.completed(0, 10);
        first.completed(1, 20);
        assertThat(file).as("written after 3 records, or at stop").doesNotExist();
        first.completed(0, 11);
        assertThat(file).exists();
        first.completed(1, 21);
        first.save();

        ReplayCheckpoint again = open(file, ORDERS, 3, Duration.ofHours(1));
        assertThat(again.nextOffset(0, 0)).isEqualTo(12);
        assertThat(again.nextOffset(1, 0)).isEqualTo(22);
        assertThat(again.nextOffset(2, 5)).as("a partition without a checkpoint starts at the window").isEqualTo(5);
        assertThat(dir.resolve("orders.replay.json.tmp")).as("the temporary file, renamed").doesNotExist();
    }

    @Test
    void writtenAfterTheIntervalToo() {
        Path file = dir.resolve("orders.replay.json");
        ReplayCheckpoint checkpoint = open(file, ORDERS, 1000, Duration.ofSeconds(5));
        checkpoint.completed(0, 1);
        assertThat(file).doesNotExist();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        checkpoint.completed(0, 2);
        assertThat(open(file, ORDERS, 1000, Duration.ofSeconds(5)).nextOffset(0, 0)).isEqualTo(3);
    }

    @Test
    void anotherReplaysCheckpointOrAFileThatIsNoneIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("orders.replay.json");
        ReplayCheckpoint checkpoint = open(file, ORDERS, 1, Duration.ofHours(1));
        checkpoint.completed(0, 1);

        ReplayCheckpoint.Replay otherWindow = new ReplayCheckpoint.Replay("orders", ORDERS.topicId(), RestoreWindow.of(0L, 100L, null, null));
        assertThatThrownBy(() -> open(file, otherWindow, 1, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint " + file + " is of another replay (topic orders (topic id " + ORDERS.topicId() + ")")
                .hasMessageEndingWith("delete it to replay from the start, or name another checkpoint file");

        Path notOne = dir.resolve("notes.json");
        Files.writeString(notOne, "[1, 2, 3]");
        assertThatThrownBy(() -> open(notOne, ORDERS, 1, Duration.ofHours(1)))
                .hasMessage("checkpoint " + notOne + " is not a replay checkpoint: delete it or name another file");
    }

    private ReplayCheckpoint open(Path file, ReplayCheckpoint.Replay replay, int everyRecords, Duration every) {
        return ReplayCheckpoint.open(Optional.of(file), replay, everyRecords, every, nanos::get);
    }
}
