package io.kafkaarchiver.restore;

import io.kafkaarchiver.archive.ParquetObjects;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.parquet.ParquetOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A partition's records as a restore reads them from its objects: in offset order, each once, inside the window. */
class ArchiveRecordsTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void overlappingObjectsGiveEachOffsetOnceInOrder() throws IOException {
        List<ArchivedObject> objects = List.of(write(0, 49), write(30, 79), write(80, 99));
        assertThat(offsets(objects, RestoreWindow.ALL, 0)).containsExactlyElementsOf(range(0, 99));
    }

    @Test
    void parquetObjectsBesideMakOnesAreReadAsOneArchive() throws IOException {
        // A topic whose format changed: MAK objects, then Parquet ones, one of them overlapping.
        List<ArchivedObject> objects = List.of(write(0, 49), parquet(write(30, 79)), parquet(write(80, 99)));
        List<String> before = downloads();
        assertThat(offsets(objects, RestoreWindow.ALL, 0)).containsExactlyElementsOf(range(0, 99));
        assertThat(offsets(objects, RestoreWindow.of(60L, 90L, null, null), 0)).containsExactlyElementsOf(range(60, 90));
        assertThat(downloads()).as("no download left behind").containsExactlyInAnyOrderElementsOf(before);
    }

    /** The temporary copies of Parquet objects in java.io.tmpdir. */
    private static List<String> downloads() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("kafka-archiver-") && n.endsWith(".parquet")).toList();
        }
    }

    /** The same records as a Parquet object. */
    private ArchivedObject parquet(ArchivedObject mak) throws IOException {
        Path file = Path.of(mak.key().replace(".mak", ".parquet"));
        ParquetObjects.convert(Path.of(mak.key()), file, ParquetOptions.DEFAULTS, Optional.empty());
        return new ArchivedObject(file.toString(), mak.topic(), mak.partition(), mak.startOffset(), mak.endOffset(), mak.recordCount(),
                mak.minTimestamp(), mak.maxTimestamp(), "parquet", "zstd", Files.size(file), Optional.empty(), Optional.empty());
    }

    @Test
    void offsetAndTimeWindowsAndAResumePointSelectExactly() throws IOException {
        List<ArchivedObject> objects = List.of(write(0, 49), write(50, 99));
        assertThat(offsets(objects, RestoreWindow.of(10L, 60L, null, null), 0)).containsExactlyElementsOf(range(10, 60));
        // Record n has timestamp T0 + n: from included, to excluded.
        assertThat(offsets(objects, RestoreWindow.of(null, null, Instant.ofEpochMilli(T0 + 45), Instant.ofEpochMilli(T0 + 55)), 0))
                .containsExactlyElementsOf(range(45, 54));
        assertThat(offsets(objects, RestoreWindow.of(10L, 60L, null, null), 52)).containsExactlyElementsOf(range(52, 60));
        assertThat(offsets(objects, RestoreWindow.of(10L, 60L, null, null), 61)).isEmpty();
    }

    @Test
    void objectsBeforeTheResumePointAreNotOpened() throws IOException {
        List<ArchivedObject> objects = List.of(write(0, 49), write(50, 99));
        List<String> opened = new ArrayList<>();
        try (ArchiveRecords records = new ArchiveRecords(objects, RestoreWindow.ALL, 60, o -> {
            opened.add(o.key());
            return Files.newInputStream(Path.of(o.key()));
        })) {
            assertThat(records.next().offset()).isEqualTo(60);
        }
        assertThat(opened).containsExactly(objects.get(1).key());
    }

    private List<Long> offsets(List<ArchivedObject> objects, RestoreWindow window, long from) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (ArchiveRecords records = new ArchiveRecords(objects, window, from, o -> Files.newInputStream(Path.of(o.key())))) {
            for (MakRecord r = records.next(); r != null; r = records.next()) {
                offsets.add(r.offset());
            }
        }
        return offsets;
    }

    /** An object holding offsets start..end, record n stamped T0 + n; its key is its file. */
    private ArchivedObject write(long start, long end) throws IOException {
        Path file = dir.resolve(start + "-" + end + ".mak");
        try (MakWriter writer = MakWriter.create(file, MakVersion.V2, new MakFileHeader("orders", 0, start, Instant.ofEpochMilli(T0)))) {
            for (long n = start; n <= end; n++) {
                writer.append(new MakRecord(n, T0 + n, MakTimestampType.CREATE_TIME, null,
                        ("v" + n).getBytes(StandardCharsets.UTF_8), List.of()));
            }
        }
        return new ArchivedObject(file.toString(), "orders", 0, start, end, end - start + 1, T0 + start, T0 + end, "mak2", "none",
                Files.size(file), Optional.empty(), Optional.empty());
    }

    private static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            r.add(n);
        }
        return r;
    }
}
