package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.ArchiverTest.MutableClock;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One partition's share in one life: what it writes, when it rotates and stalls, what it holds and where its commit may go. */
class PartitionShareTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final String TOPIC_ID = "kJ2x9Q3aRZm1sQnQ0c9f1w";

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();
    private final RotationDeadlines deadlines = new RotationDeadlines();
    private final StalledPartitions stalls = new StalledPartitions();
    private WorkDir dir;
    private Ledger ledger;
    private WritePath path;
    private PartitionShare share;

    @BeforeEach
    void open() throws IOException {
        dir = WorkDir.open(root);
        ledger = Ledger.recover(dir, clock);
        path = new WritePath(MakVersion.V2, new RotationPolicy(Duration.ofMinutes(1), 1L << 30, 10), deadlines,
                new ObjectCompressor(dir, Compression.NONE, ledger), stalls);
        share = ledger.partition(TP);
    }

    @Test
    void recordsOfAShareNotAssignedHereAreLeftOut() {
        assertThat(share.write(records(0, 5), 0, path, new ArrayList<>())).isEqualTo(new PartitionShare.Run(0, 0, true));
        assertThat(share.nextOffset()).as("knows nothing").isEqualTo(-1);
    }

    @Test
    void writesAndCommitsARunAndStopsAtAnOffsetItHoldsAlready() throws IOException {
        share.assigned(CommitPoint.NONE, path, new ArrayList<>());
        assertThat(share.write(records(0, 5), 0, path, new ArrayList<>())).isEqualTo(new PartitionShare.Run(5, 5, false));

        List<MakRecord> wentBack = List.of(record(5), record(6), record(3), record(4));
        assertThat(share.write(wentBack, 0, path, new ArrayList<>())).as("stops at offset 3, held already").isEqualTo(new PartitionShare.Run(2, 2, false));
        assertThat(share.nextOffset()).isEqualTo(7);
        assertThat(offsetsIn(new WorkFile(TP, Life.UNKNOWN, 0, Stage.IN_PROGRESS, Compression.NONE))).as("committed: a crash keeps them")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void rotatesAtItsPolicysLimitAndHandsTheFileOn() {
        share.assigned(CommitPoint.NONE, path, new ArrayList<>());
        List<WorkFile> work = new ArrayList<>();
        share.write(records(0, 25), 0, path, work);
        assertThat(work).extracting(WorkFile::startOffset).containsExactly(0L, 10L);
        assertThat(work).extracting(WorkFile::stage).containsOnly(Stage.ROTATED);
        assertThat(ledger.count(Stage.ROTATED)).isEqualTo(2);
        assertThat(ledger.count(Stage.IN_PROGRESS)).isEqualTo(1);
    }

    @Test
    void itsOpenFileRotatesAtTheDeadlineTheAgeRuleSets() {
        share.assigned(CommitPoint.NONE, path, new ArrayList<>());
        share.write(records(0, 3), 0, path, new ArrayList<>());
        assertThat(deadlines.earliest()).contains(clock.instant().plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofMinutes(1));
        List<WorkFile> work = new ArrayList<>();
        share.rotateDue(new WorkFile(TP, Life.UNKNOWN, 99, Stage.IN_PROGRESS, Compression.NONE), path, work);
        assertThat(work).as("another file's deadline: nothing rotates").isEmpty();
        for (WorkFile due : deadlines.takeDue(clock.instant())) {
            share.rotateDue(due, path, work);
        }
        assertThat(work).singleElement().satisfies(f -> assertThat(f.stage()).isEqualTo(Stage.ROTATED));
        assertThat(deadlines.earliest()).isEmpty();
    }

    @Test
    void anUnreadableRecordStallsTheShareUntilItIsConsumedAgainFromThere() {
        share.assigned(CommitPoint.NONE, path, new ArrayList<>());
        share.write(records(0, 5), 0, path, new ArrayList<>());

        share.stallUnreadable(5, new IOException("cannot parse"), path);

        assertThat(stalls.isStalled(TP)).isTrue();
        assertThat(stalls.troubledSince()).containsKey(TP);
        assertThat(share.nextOffset()).as("consumed again from the unreadable record").isEqualTo(5);
        assertThat(share.write(records(5, 3), 0, path, new ArrayList<>()).stopped()).as("left out while stalled").isTrue();
    }

    @Test
    void itsCommitNeverPassesAFileStillOnDiskAndFollowsWhatIsArchived() throws IOException {
        share.assigned(CommitPoint.NONE, path, new ArrayList<>());
        List<WorkFile> rotated = new ArrayList<>();
        share.write(records(0, 25), 0, path, rotated);
        assertThat(share.oldestFileStart()).isZero();

        share.archived(rotated.get(1));
        assertThat(share.oldestFileStart()).as("the first file is not in S3 yet").isZero();
        share.archived(rotated.get(0));
        assertThat(share.oldestFileStart()).as("the in-progress file").isEqualTo(20);
        assertThat(share.afterArchived()).isEqualTo(20);
        assertThat(root.resolve("state").resolve(TP.topic() + "+" + TP.partition() + ".archived")).as("outlives the files").hasContent("19");
    }

    @Test
    void aNewLifeTakesOverTheAssignmentAndTheOldLifesFileIsFinished() {
        share.assigned(CommitPoint.NONE, path, new ArrayList<>());
        share.write(records(0, 5), 0, path, new ArrayList<>());

        List<WorkFile> work = new ArrayList<>();
        share.passTo(() -> ledger.startLife(TP, Life.of(TOPIC_ID)), true, "topic has topic id " + TOPIC_ID, path, work);

        assertThat(work).singleElement().satisfies(f -> assertThat(f.life()).isEqualTo(Life.UNKNOWN));
        assertThat(share.write(records(5, 1), 0, path, new ArrayList<>()).stopped()).as("the old life is not written any more").isTrue();
        PartitionShare next = ledger.partition(TP);
        assertThat(next.life()).isEqualTo(Life.of(TOPIC_ID));
        assertThat(next.nextOffset()).as("continues after what the old life held").isEqualTo(5);
        assertThat(next.write(records(5, 1), 0, path, new ArrayList<>())).isEqualTo(new PartitionShare.Run(1, 1, false));
    }

    private List<Long> offsetsIn(WorkFile file) throws IOException {
        return offsetsIn(file.path(dir));
    }

    /** The offsets of the records a MAK file holds, in file order. */
    static List<Long> offsetsIn(Path file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (MakReader reader = MakReader.open(file)) {
            for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                offsets.add(r.offset());
            }
        }
        return offsets;
    }

    private static List<MakRecord> records(long from, int count) {
        return LongStream.range(from, from + count).mapToObj(PartitionShareTest::record).toList();
    }

    private static MakRecord record(long offset) {
        return MakRecord.of(offset, null, new byte[40]);
    }
}
