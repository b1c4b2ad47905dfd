package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.upload.ObjectKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code archive.rotate.event-time}: each file holds one UTC hour (or day) of its records' own timestamps, late records
 * and records without a timestamp included, and its key's {@code {date}} and {@code {hour}} are its first record's,
 * across a crash as well.
 */
class EventTimeLayoutTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final ObjectKeys HIVE = ObjectKeys.of("{topic}/date={date}/hour={hour}/{partition}-{start}{ext}", "g", Compression.GZIP);

    @TempDir
    Path root;

    private final ArchiverTest.MutableClock clock = new ArchiverTest.MutableClock();
    private WorkDir dir;

    @BeforeEach
    void openDir() throws IOException {
        dir = WorkDir.open(root);
    }

    private Archiver archiver(EventTimeRotation eventTime) throws IOException {
        Archiver archiver = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 1_000_000, eventTime),
                Compression.GZIP, Duration.ofMinutes(10), clock, topic -> Optional.empty());
        archiver.assigned(TP, Optional.empty(), CommitPoint.NONE);
        return archiver;
    }

    @Test
    void recordsCrossingAnHourCompleteTheFileAndEachFileIsKeyedByItsHour() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.HOUR);
        List<WorkFile> rotated = write(archiver, "2026-12-04T10:58:00Z", "2026-12-04T10:59:59.999Z", "2026-12-04T11:00:00Z",
                "2026-12-04T11:30:00Z", "2026-12-04T12:00:00Z", "2026-12-04T12:01:00Z");

        assertThat(rotated).extracting(WorkFile::startOffset).containsExactly(0L, 2L);
        assertThat(keys(archiver, rotated)).containsExactly(
                "orders/date=2026-12-04/hour=10/0-00000000000000000000.mak.gz",
                "orders/date=2026-12-04/hour=11/0-00000000000000000002.mak.gz");
        assertThat(offsetsIn(rotated.get(1))).containsExactly(2L, 3L);
        assertThat(archiver.nextOffset(TP)).as("offsets 4 and 5, of 12h, in the open file").isEqualTo(6);
        assertThat(archiver.ledger().count(Stage.IN_PROGRESS)).isEqualTo(1);
        archiver.close();
    }

    @Test
    void aLateRecordCompletesTheFileAndOpensOneInItsOwnHour() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.HOUR);
        List<WorkFile> rotated = write(archiver, "2026-12-04T10:10:00Z", "2026-12-04T10:20:00Z", "2026-12-04T09:50:00Z",
                "2026-12-04T10:30:00Z", "2026-12-04T10:40:00Z");

        assertThat(rotated).extracting(WorkFile::startOffset).as("10h, then 09h (the late record), then 10h again, open").containsExactly(0L, 2L);
        assertThat(keys(archiver, rotated)).containsExactly(
                "orders/date=2026-12-04/hour=10/0-00000000000000000000.mak.gz",
                "orders/date=2026-12-04/hour=09/0-00000000000000000002.mak.gz");
        assertThat(offsetsIn(rotated.get(1))).containsExactly(2L);
        archiver.close();
    }

    @Test
    void aPartitionGoingBackAndForthBetweenTwoHoursGetsAFilePerRunOfRecords() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.HOUR);
        List<WorkFile> rotated = write(archiver, "2026-12-04T10:59:00Z", "2026-12-04T11:00:01Z", "2026-12-04T10:59:02Z",
                "2026-12-04T10:59:03Z", "2026-12-04T11:00:04Z", "2026-12-04T10:59:05Z");

        assertThat(rotated).extracting(WorkFile::startOffset).containsExactly(0L, 1L, 2L, 4L);
        assertThat(keys(archiver, rotated)).extracting(k -> k.substring(0, "orders/date=2026-12-04/hour=10".length()))
                .containsExactly("orders/date=2026-12-04/hour=10", "orders/date=2026-12-04/hour=11", "orders/date=2026-12-04/hour=10",
                        "orders/date=2026-12-04/hour=11");
        archiver.close();
    }

    @Test
    void theDayRuleCompletesAFileAtMidnightUtcOnly() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.DAY);
        List<WorkFile> rotated = write(archiver, "2026-12-31T00:10:00Z", "2026-12-31T13:00:00Z", "2026-12-31T23:59:59.999Z",
                "2027-01-01T00:00:00Z", "2027-01-01T05:00:00Z");

        assertThat(rotated).extracting(WorkFile::startOffset).containsExactly(0L);
        assertThat(offsetsIn(rotated.get(0))).containsExactly(0L, 1L, 2L);
        assertThat(archiver.ledger().facts(rotated.get(0)).firstTimestamp()).isEqualTo(at("2026-12-31T00:10:00Z"));
        assertThat(ObjectKeys.of("{topic}/{date}/{partition}-{start}", "g", Compression.GZIP).keyFor(archiver.ledger().facts(rotated.get(0)),
                Life.UNKNOWN, (topic, id) -> true)).isEqualTo("orders/2026-12-31/0-00000000000000000000");
        archiver.close();
    }

    @Test
    void recordsWithoutTimestampStayInTheOpenFileAndOneOpeningAFileIsOfTheEpochsHour() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.HOUR);
        List<WorkFile> rotated = write(archiver, null, null, "2026-12-04T10:00:00Z", null, "2026-12-04T10:30:00Z", "2026-12-04T11:00:00Z");

        assertThat(rotated).extracting(WorkFile::startOffset).containsExactly(0L, 2L);
        assertThat(keys(archiver, rotated)).containsExactly(
                "orders/date=1970-01-01/hour=00/0-00000000000000000000.mak.gz",
                "orders/date=2026-12-04/hour=10/0-00000000000000000002.mak.gz");
        assertThat(offsetsIn(rotated.get(1))).as("the record without a timestamp in the file open for it").containsExactly(2L, 3L, 4L);
        archiver.close();
    }

    @Test
    void noneKeepsTheFileWhateverTheTimestamps() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.NONE);
        assertThat(write(archiver, "2026-12-04T10:00:00Z", "2026-12-05T11:00:00Z", "2026-12-03T09:00:00Z")).isEmpty();
        archiver.close();
    }

    @Test
    void aFileResumedAfterACrashKnowsItsFirstRecordsHour(@TempDir Path afterCrash) throws IOException {
        Archiver first = archiver(EventTimeRotation.HOUR);
        write(first, "2026-12-04T10:10:00Z", "2026-12-04T10:20:00Z");
        // kill -9: what is on disk now is all that is left.
        WorkFile inProgress = new WorkFile(TP, Life.UNKNOWN, 0, Stage.IN_PROGRESS, Compression.NONE);
        Files.copy(inProgress.path(dir), WorkDir.open(afterCrash).folder(Stage.IN_PROGRESS).resolve(inProgress.fileName()));
        first.close();

        dir = WorkDir.open(afterCrash);
        Archiver second = archiver(EventTimeRotation.HOUR);
        assertThat(write(second, 2, "2026-12-04T10:59:00Z")).as("the same hour as the resumed file's first record").isEmpty();
        List<WorkFile> rotated = write(second, 3, "2026-12-04T11:00:00Z");
        assertThat(keys(second, rotated)).containsExactly("orders/date=2026-12-04/hour=10/0-00000000000000000000.mak.gz");
        assertThat(offsetsIn(rotated.get(0))).containsExactly(0L, 1L, 2L);
        second.close();
    }

    @Test
    void completedFilesFoundAfterARestartAreKeyedAsBefore() throws IOException {
        Archiver first = archiver(EventTimeRotation.HOUR);
        List<WorkFile> rotated = write(first, "2026-12-04T10:10:00Z", "2026-12-04T11:10:00Z", "2026-12-04T12:10:00Z");
        List<String> before = keys(first, rotated);
        WorkFile object = first.compressor().compress(rotated.get(0));
        first.close();

        Archiver second = archiver(EventTimeRotation.HOUR);
        List<String> after = new ArrayList<>();
        for (WorkFile f : List.of(object, rotated.get(1))) {
            after.add(HIVE.keyFor(second.ledger().facts(f), Life.UNKNOWN, (topic, id) -> true));
        }
        assertThat(after).as("an object in upload/, compressed, and a file in rotated/").isEqualTo(before);
        assertThat(ArchiveFacts.of(object.path(dir)).firstTimestamp()).isEqualTo(at("2026-12-04T10:10:00Z"));
        second.close();
    }

    @Test
    void aFileThatCannotBeCompletedBeforeARecordOfAnotherHourStallsThePartitionAndNothingIsWrittenPastIt() throws IOException {
        Archiver archiver = archiver(EventTimeRotation.HOUR);
        write(archiver, "2026-12-04T10:10:00Z", "2026-12-04T10:20:00Z");
        Files.delete(dir.folder(Stage.ROTATED));

        List<MakRecord> poll = List.of(record(2, "2026-12-04T11:00:00Z"), record(3, "2026-12-04T11:01:00Z"));
        assertThat(archiver.write(TP, poll, new ArrayList<>())).isZero();
        assertThat(archiver.stalls().isStalled(TP)).isTrue();
        assertThat(archiver.nextOffset(TP)).as("consumed again from the record of the next hour").isEqualTo(2);
        assertThat(offsetsIn(new WorkFile(TP, Life.UNKNOWN, 0, Stage.IN_PROGRESS, Compression.NONE))).containsExactly(0L, 1L);
        archiver.close();
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** One record per timestamp (null: none), from offset 0; the files completed on the way. */
    private static List<WorkFile> write(Archiver archiver, String... timestamps) {
        return write(archiver, 0, timestamps);
    }

    private static List<WorkFile> write(Archiver archiver, long from, String... timestamps) {
        List<MakRecord> records = new ArrayList<>();
        for (int i = 0; i < timestamps.length; i++) {
            records.add(record(from + i, timestamps[i]));
        }
        List<WorkFile> work = new ArrayList<>();
        archiver.write(TP, records, work);
        return work.stream().filter(f -> f.stage() == Stage.ROTATED).toList();
    }

    private static MakRecord record(long offset, String timestamp) {
        return timestamp == null
                ? new MakRecord(offset, MakRecord.NO_TIMESTAMP, MakTimestampType.NO_TIMESTAMP_TYPE, null, new byte[8], List.of())
                : new MakRecord(offset, at(timestamp), MakTimestampType.CREATE_TIME, null, new byte[8], List.of());
    }

    private static List<String> keys(Archiver archiver, List<WorkFile> files) {
        return files.stream().map(f -> HIVE.keyFor(archiver.ledger().facts(f), Life.UNKNOWN, (topic, id) -> true)).toList();
    }

    private List<Long> offsetsIn(WorkFile file) throws IOException {
        return PartitionShareTest.offsetsIn(file.path(dir));
    }
}
