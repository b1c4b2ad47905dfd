package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The local side of the archive, without Kafka or S3: rotation, recovery after a crash, and what may be committed. */
class ArchiverTest {

    private static final TopicPartition TP = new TopicPartition("orders", 1);

    @TempDir
    Path root;

    private static final String FIRST_ID = "kJ2x9Q3aRZm1sQnQ0c9f1w";
    private static final String SECOND_ID = "Q4cTn0xXR8yq7d9bZbnTwg";

    private final MutableClock clock = new MutableClock();
    /** Kafka's ids for the topics now, as the archiver's life watch is told them; and what it was told of. */
    private final Map<String, String> kafkaIds = new HashMap<>();
    private final List<String> told = new ArrayList<>();
    private WorkDir dir;

    @BeforeEach
    void openDir() throws IOException {
        dir = WorkDir.open(root);
    }

    private Archiver archiver(long maxBytes, long maxRecords) throws IOException {
        Archiver archiver = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofMinutes(1), maxBytes, maxRecords),
                Compression.GZIP, Duration.ofMinutes(10), clock, new LifeWatch() {
                    @Override
                    public Optional<String> topicIdNow(String topic) {
                        return Optional.ofNullable(kafkaIds.get(topic));
                    }

                    @Override
                    public void newLife(String topic) {
                        told.add("new life of " + topic);
                    }

                    @Override
                    public void truncated(TopicPartition tp) {
                        told.add("truncated " + tp);
                    }
                });
        archiver.assigned(TP, Optional.ofNullable(kafkaIds.get(TP.topic())), CommitPoint.NONE);
        return archiver;
    }

    @Test
    void rotatesByRecordCountAsRecordsAreWritten() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        List<WorkFile> rotated = write(archiver, 0, 25);
        assertThat(rotated).extracting(WorkFile::stage).containsOnly(Stage.ROTATED);
        assertThat(recordCounts(rotated)).containsExactly(10L, 10L);
        assertThat(archiver.ledger().count(Stage.IN_PROGRESS)).isEqualTo(1);
    }

    @Test
    void rotatesBySize() throws IOException {
        Archiver archiver = archiver(4096, 1_000_000);
        List<WorkFile> rotated = write(archiver, 0, 100);
        assertThat(rotated).isNotEmpty();
        for (WorkFile f : rotated) {
            assertThat(Files.size(f.path(dir))).isBetween(4096L, 4096L + 200);
        }
    }

    @Test
    void rotatesByAgeOnlyOnceTheFileIsOldEnough() throws IOException {
        Archiver archiver = archiver(1L << 30, 1_000_000);
        write(archiver, 0, 5);
        clock.advance(Duration.ofSeconds(59));
        assertThat(archiver.rotateDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(archiver.rotateDue()).hasSize(1);
        assertThat(archiver.rotateDue()).as("nothing left to rotate").isEmpty();
    }

    @Test
    void aFileDueBeforeTheNextFiringAsksToFireEarlier() throws IOException {
        Archiver archiver = archiver(1L << 30, 1_000_000);
        List<Instant> asked = new ArrayList<>();
        archiver.deadlines().firingAt(clock.instant().plus(Duration.ofMinutes(5)), asked::add);
        write(archiver, 0, 5);
        assertThat(asked).containsExactly(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(archiver.deadlines().earliest()).contains(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void resumesInProgressFilesAfterACrashCuttingTheTornTail(@TempDir Path afterCrash) throws IOException {
        Archiver first = archiver(1L << 30, 1_000_000);
        write(first, 100, 10);
        // The crash: what is on disk now is all that is left, and half a record had reached it.
        WorkFile inProgress = new WorkFile(TP, Life.UNKNOWN, 100, Stage.IN_PROGRESS, Compression.NONE);
        Path copy = WorkDir.open(afterCrash).folder(Stage.IN_PROGRESS).resolve(inProgress.fileName());
        Files.copy(inProgress.path(dir), copy);
        Files.write(copy, new byte[] {0, 0, 0, 9, 1, 2}, StandardOpenOption.APPEND);
        first.close();

        dir = WorkDir.open(afterCrash);
        Archiver second = archiver(1L << 30, 1_000_000);
        assertThat(second.nextOffset(TP)).as("resume after the last committed record").isEqualTo(110);
        write(second, 110, 5);
        second.close();
        try (MakReader reader = MakReader.open(copy)) {
            assertThat(reader.summary().orElseThrow().recordCount()).isEqualTo(15);
            assertThat(reader.summary().orElseThrow().lastOffset()).isEqualTo(114);
        }
    }

    @Test
    void commitsNeverPassAFileStillOnDisk() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        List<WorkFile> rotated = write(archiver, 0, 35); // files 0-9, 10-19, 20-29 rotated; 30-34 in progress
        List<WorkFile> objects = new ArrayList<>();
        for (WorkFile f : rotated) {
            objects.add(archiver.compressor().compress(f));
        }
        CompletedFiles files = archiver.completedFiles();
        assertThat(archiver.ledger().committable(TP).offset()).isZero();
        // The second file is uploaded first; the first is quarantined: nothing may be committed yet.
        assertThat(files.archived(objects.get(1)).offset()).isZero();
        WorkFile quarantined = files.quarantine(objects.get(0));
        assertThat(archiver.ledger().committable(TP).offset()).isZero();
        assertThat(files.archived(quarantined).offset()).isEqualTo(20);
        assertThat(files.archived(objects.get(2)).offset()).as("up to the in-progress file").isEqualTo(30);
        assertThat(archiver.nextOffset(TP)).isEqualTo(35);
        assertThat(objects).allSatisfy(o -> assertThat(o.path(dir)).doesNotExist());
    }

    @Test
    void afterARestartTheLedgerKnowsWhatWaitsWhereAndWhatIsArchived() throws IOException {
        Archiver first = archiver(1L << 30, 10);
        List<WorkFile> rotated = write(first, 0, 45); // 0-9, 10-19, 20-29, 30-39 rotated; 40-44 in progress
        WorkFile archived = first.compressor().compress(rotated.get(0));
        first.completedFiles().archived(archived);
        WorkFile quarantined = first.completedFiles().quarantine(first.compressor().compress(rotated.get(1)));
        WorkFile waiting = first.compressor().compress(rotated.get(2));
        // A crash after the object of 30-39 was made and before its rotated file was removed.
        Path scratch = dir.compressing().resolve("scratch");
        Files.copy(rotated.get(3).path(dir), scratch);
        WorkFile made = first.compressor().compress(rotated.get(3));
        Files.copy(scratch, rotated.get(3).path(dir));
        first.close();

        Archiver second = archiver(1L << 30, 10);
        Ledger ledger = second.ledger();
        assertThat(ledger.committable(TP).offset()).as("the oldest file not in S3").isEqualTo(10);
        assertThat(second.nextOffset(TP)).isEqualTo(45);
        assertThat(ledger.count(Stage.QUARANTINE)).isEqualTo(1);
        assertThat(ledger.count(Stage.UPLOAD)).as("the later stage's copy wins").isEqualTo(2);
        assertThat(ledger.count(Stage.ROTATED)).isZero();
        assertThat(ledger.count(Stage.IN_PROGRESS)).isEqualTo(1);
        assertThat(rotated.get(3).path(dir)).doesNotExist();
        assertThat(second.completedFiles().awaitingUpload()).containsExactlyInAnyOrder(waiting, made);
        assertThat(second.completedFiles().awaitingUpload()).as("given once").isEmpty();
        assertThat(ledger.facts(quarantined).summary().firstOffset()).isEqualTo(10);
        assertThat(scratch).as("scratch dropped").doesNotExist();
    }

    @Test
    void recordsOfAPartitionNotAssignedHereAreLeftOutAndItResumesAtTheGroupsCommit() throws IOException {
        Archiver archiver = archiver(1L << 30, 1_000_000);
        archiver.released(List.of(TP), "partition revoked");
        assertThat(archiver.write(TP, records(0, 5), new ArrayList<>())).isZero();
        assertThat(archiver.assigned(TP, Optional.empty(), new CommitPoint(3, ""))).as("resume at the group's offset").isEqualTo(3);
        assertThat(archiver.write(TP, records(3, 2), new ArrayList<>())).isEqualTo(2);
        assertThat(archiver.nextOffset(TP)).isEqualTo(5);
    }

    @Test
    void aTopicCreatedAgainIsArchivedAsANewLifeBesideTheOldOneAcrossARestart() throws IOException {
        kafkaIds.put(TP.topic(), FIRST_ID);
        Archiver first = archiver(1L << 30, 10);
        List<WorkFile> firstLife = write(first, 0, 25); // 0-9, 10-19 rotated; 20-24 in progress
        first.completedFiles().archived(first.compressor().compress(firstLife.get(0)));
        assertThat(first.ledger().committable(TP)).isEqualTo(new CommitPoint(10, FIRST_ID));

        // Deleted and created again: Kafka says so when the partition is assigned again; the old commit is not resumed from.
        kafkaIds.put(TP.topic(), SECOND_ID);
        first.released(List.of(TP), "partition revoked");
        assertThat(first.assigned(TP, Optional.of(SECOND_ID), new CommitPoint(10, FIRST_ID))).as("from the new log's start").isEqualTo(-1);
        assertThat(told).containsExactly("new life of " + TP.topic());
        List<WorkFile> work = new ArrayList<>();
        assertThat(first.write(TP, records(0, 12), work)).as("offsets seen before, in the old life: none left out").isEqualTo(12);
        assertThat(first.rotateDue()).as("the old life's file, finished as the old life").singleElement()
                .satisfies(f -> assertThat(f.life()).isEqualTo(Life.of(FIRST_ID)))
                .satisfies(f -> assertThat(f.startOffset()).isEqualTo(20));
        WorkFile secondLife = work.stream().filter(f -> f.stage() == Stage.ROTATED).findFirst().orElseThrow();
        assertThat(secondLife.life()).isEqualTo(Life.of(SECOND_ID));
        assertThat(secondLife.fileName()).isEqualTo(TP.topic() + "+" + SECOND_ID + "+1+00000000000000000000.mak");
        assertThat(first.ledger().committable(TP)).as("the new life's oldest file; the old life's do not count")
                .isEqualTo(new CommitPoint(0, SECOND_ID));
        first.close();

        Archiver second = archiver(1L << 30, 10);
        assertThat(second.ledger().life(TP)).isEqualTo(Life.of(SECOND_ID));
        assertThat(second.nextOffset(TP)).isEqualTo(12);
        assertThat(second.ledger().committable(TP)).isEqualTo(new CommitPoint(0, SECOND_ID));
        List<WorkFile> waiting = second.rotateDue();
        assertThat(waiting).extracting(WorkFile::life).containsExactlyInAnyOrder(Life.of(FIRST_ID), Life.of(FIRST_ID), Life.of(SECOND_ID));
        WorkFile oldLife = waiting.stream().filter(f -> f.life().equals(Life.of(FIRST_ID)) && f.startOffset() == 10).findFirst().orElseThrow();
        assertThat(second.completedFiles().archived(second.compressor().compress(oldLife)))
                .as("an old life's upload commits the new life's offset only").isEqualTo(new CommitPoint(0, SECOND_ID));
        assertThat(second.ledger().facts(secondLife).summary().lastOffset()).isEqualTo(9);
    }

    @Test
    void offsetsGoingBackInOneLifeStartASegmentOfItsOwnNeverLeftOut() throws IOException {
        kafkaIds.put(TP.topic(), FIRST_ID);
        Archiver archiver = archiver(1L << 30, 10);
        write(archiver, 0, 15); // 0-9 rotated; 10-14 in progress
        // The new leader's log ends at 12: Kafka gives offsets 12.. again, to other records.
        List<WorkFile> work = new ArrayList<>();
        assertThat(archiver.write(TP, records(12, 10), work)).isEqualTo(10);
        assertThat(told).containsExactly("truncated " + TP);
        assertThat(archiver.ledger().life(TP)).isEqualTo(new Life(FIRST_ID, 1));
        assertThat(work).filteredOn(f -> f.stage() == Stage.ROTATED).singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo(TP.topic() + "+" + FIRST_ID + ".1+1+00000000000000000012.mak"));
        assertThat(archiver.rotateDue()).as("the earlier segment's file, finished").extracting(WorkFile::life).containsExactly(Life.of(FIRST_ID));
        assertThat(archiver.ledger().committable(TP)).as("the earlier segment's files are of this log too")
                .isEqualTo(new CommitPoint(0, FIRST_ID));

        // With Kafka unable to say, offsets going back are a segment too: never left out.
        kafkaIds.clear();
        assertThat(archiver.write(TP, records(0, 3), new ArrayList<>())).isEqualTo(3);
        assertThat(archiver.ledger().life(TP)).isEqualTo(new Life(FIRST_ID, 2));

        // Deleted and created again with no rebalance between: Kafka resets the position, and names the new life.
        kafkaIds.put(TP.topic(), SECOND_ID);
        assertThat(archiver.write(TP, records(0, 3), new ArrayList<>())).isEqualTo(3);
        assertThat(archiver.ledger().life(TP)).isEqualTo(Life.of(SECOND_ID));
        assertThat(told).endsWith("new life of " + TP.topic());
        assertThat(archiver.ledger().committable(TP).topicId()).isEqualTo(SECOND_ID);
    }

    @Test
    void whatAnEarlierVersionLeftIsTheLifeKafkaNamesFirst() throws IOException {
        // Files and marks as an archiver that knew no topic ids left them.
        Archiver before = archiver(1L << 30, 10);
        List<WorkFile> rotated = write(before, 0, 15);
        before.completedFiles().archived(before.compressor().compress(rotated.get(0)));
        before.close();
        try (var names = Files.list(root.resolve("in-progress"))) {
            assertThat(names.map(f -> f.getFileName().toString())).containsExactly(TP.topic() + "+1+00000000000000000010.mak");
        }
        assertThat(root.resolve("state").resolve(TP.topic() + "+1.archived")).hasContent("9");

        kafkaIds.put(TP.topic(), FIRST_ID);
        Archiver after = archiver(1L << 30, 10);
        assertThat(told).as("no new life: the first id learned").isEmpty();
        assertThat(after.ledger().life(TP)).isEqualTo(Life.of(FIRST_ID));
        assertThat(after.nextOffset(TP)).as("after what the earlier version held").isEqualTo(15);
        assertThat(after.ledger().committable(TP)).as("its file still on disk holds the commit back").isEqualTo(new CommitPoint(10, FIRST_ID));
        assertThat(after.rotateDue()).as("its file, finished under its own name").singleElement()
                .satisfies(f -> assertThat(f.fileName()).isEqualTo(TP.topic() + "+1+00000000000000000010.mak"));
        assertThat(write(after, 15, 10)).singleElement().satisfies(f -> assertThat(f.life()).isEqualTo(Life.of(FIRST_ID)));
    }

    @Test
    void quarantinedFilesGoBackToUploadAfterTheirWait() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        WorkFile object = archiver.compressor().compress(write(archiver, 0, 10).get(0));
        archiver.completedFiles().quarantine(object);
        assertThat(archiver.completedFiles().awaitingUpload()).isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(archiver.completedFiles().awaitingUpload()).containsExactly(object);
        assertThat(object.path(dir)).exists();
    }

    @Test
    void quarantinedFilesGoBackToUploadAsSoonAsTheStoreAnswersAgain() throws IOException {
        Archiver archiver = archiver(1L << 30, 10);
        WorkFile object = archiver.compressor().compress(write(archiver, 0, 10).get(0));
        archiver.completedFiles().quarantine(object);
        assertThat(archiver.completedFiles().quarantineWaitsForStore()).isTrue();
        clock.advance(Duration.ofSeconds(1));

        archiver.completedFiles().storeAnswered();

        assertThat(archiver.completedFiles().quarantineWaitsForStore()).isFalse();
        assertThat(archiver.completedFiles().awaitingUpload()).as("long before archive.quarantine.retry-after").containsExactly(object);
    }

    @Test
    void theUploadStageHoldsAWindowOfObjectsTheOthersWaitTheirTurnAndNoneIsForgotten() throws IOException {
        Archiver archiver = archiver(1L << 30, 1);
        CompletedFiles files = archiver.completedFiles();
        List<WorkFile> objects = new ArrayList<>();
        for (WorkFile rotated : write(archiver, 0, UploadWindow.SIZE + 3)) {
            objects.add(archiver.compressor().compress(rotated));
        }

        assertThat(objects.stream().filter(files::admitted)).as("let in at once").hasSize(UploadWindow.SIZE);
        assertThat(files.waitingTurn()).isEqualTo(3);
        assertThat(files.nextAwaitingUpload()).as("no room yet").isNull();

        // An upload ends: the first that waited goes on.
        files.archived(objects.get(0));
        assertThat(files.nextAwaitingUpload()).isEqualTo(objects.get(UploadWindow.SIZE));
        // An exchange lost without its upload ending (a retry refused): its object waits its turn again.
        files.leftUploadStage(objects.get(1));
        assertThat(files.awaitingUpload()).as("a round fills the room").containsExactly(objects.get(UploadWindow.SIZE + 1));
        files.quarantine(objects.get(2));
        assertThat(files.awaitingUpload()).containsExactly(objects.get(UploadWindow.SIZE + 2));
        files.quarantine(objects.get(3));
        assertThat(files.awaitingUpload()).as("the lost one, not forgotten").containsExactly(objects.get(1));
    }

    private static List<WorkFile> write(Archiver archiver, long from, int count) {
        List<WorkFile> work = new ArrayList<>();
        assertThat(archiver.write(TP, records(from, count), work)).isEqualTo(count);
        return work.stream().filter(f -> f.stage() == Stage.ROTATED).toList();
    }

    private static List<MakRecord> records(long from, int count) {
        List<MakRecord> records = new ArrayList<>();
        for (long o = from; o < from + count; o++) {
            records.add(MakRecord.of(o, ("k" + o).getBytes(), new byte[40]));
        }
        return records;
    }

    private List<Long> recordCounts(List<WorkFile> files) {
        return files.stream().map(f -> {
            try {
                return ArchiveFacts.of(f.path(dir)).summary().recordCount();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
