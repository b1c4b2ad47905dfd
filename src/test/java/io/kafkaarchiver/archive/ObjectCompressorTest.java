package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.parquet.ParquetOptions;
import io.kafkaarchiver.parquet.ParquetRecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects made while their file is written: a chunk at a time, then the head and the rest once the file
 * is complete. Whatever way an object was made, it decompresses to the MAK file byte for byte.
 */
class ObjectCompressorTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource({"V1, GZIP", "V2, GZIP", "V1, ZSTD", "V2, ZSTD", "V2, NONE"})
    void anObjectMadeChunkByChunkDecompressesToTheFileByteForByte(MakVersion format, Compression compression) throws IOException {
        WorkDir dir = WorkDir.open(root);
        // Files of about 3 chunks, so a file has chunks, a head and a tail.
        long maxBytes = 3 * ObjectCompressor.CHUNK + ObjectCompressor.CHUNK / 2;
        Archiver archiver = Archiver.open(dir, format, new RotationPolicy(Duration.ofHours(1), maxBytes, Long.MAX_VALUE),
                compression, Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        archiver.assigned(TP, Optional.empty(), CommitPoint.NONE);
        Random random = new Random(5);
        List<WorkFile> chunksQueued = new ArrayList<>();
        List<WorkFile> rotated = new ArrayList<>();
        long offset = 0;
        while (rotated.isEmpty()) {
            List<WorkFile> work = new ArrayList<>();
            archiver.write(TP, batch(random, offset, 500), work);
            offset += 500;
            for (WorkFile f : work) {
                if (f.stage() == Stage.ROTATED) {
                    rotated.add(f);
                } else {
                    chunksQueued.add(f);
                    // The compression stage's pass, as it runs between two polls.
                    assertThat(archiver.compressor().compress(f)).as("not complete yet: nothing to upload").isNull();
                }
            }
        }
        Path mak = root.resolve("copy.mak");
        Files.copy(rotated.get(0).path(dir), mak);
        WorkFile object = archiver.compressor().compress(rotated.get(0));

        assertThat(object.stage()).isEqualTo(Stage.UPLOAD);
        assertThat(object.compression()).isEqualTo(compression);
        assertThat(rotated.get(0).path(dir)).doesNotExist();
        assertThat(chunksQueued).as("chunks compressed while the file was written").hasSizeGreaterThanOrEqualTo(compression == Compression.NONE ? 0 : 2);
        try (InputStream in = compression.decompress(Files.newInputStream(object.path(dir)))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(mak));
        }
        try (MakReader reader = MakReader.open(object.path(dir))) {
            assertThat(reader.version()).isEqualTo(format);
            assertThat(reader.scan().lastOffset()).isEqualTo(archiver.ledger().facts(object).summary().lastOffset());
        }
        try (var scratch = Files.list(root.resolve("compressing"))) {
            assertThat(scratch).as("chunks removed once the object is made").isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"GZIP", "ZSTD"})
    void aFileAnEarlierRunLeftCompleteIsCompressedWhole(Compression compression) throws IOException {
        WorkDir dir = WorkDir.open(root);
        Archiver first = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 100),
                compression, Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        first.assigned(TP, Optional.empty(), CommitPoint.NONE);
        List<WorkFile> work = new ArrayList<>();
        first.write(TP, batch(new Random(1), 0, 100), work);
        Path mak = root.resolve("copy.mak");
        Files.copy(work.get(0).path(dir), mak);
        first.close();

        Archiver second = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 100),
                compression, Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        List<WorkFile> waiting = second.rotateDue();
        assertThat(waiting).containsExactly(work.get(0));
        WorkFile object = second.compressor().compress(waiting.get(0));
        try (InputStream in = compression.decompress(Files.newInputStream(object.path(dir)))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(mak));
        }
        assertThat(second.compressor().compress(waiting.get(0))).as("made once").isNull();
    }

    @org.junit.jupiter.api.Test
    void withParquetARotatedFileBecomesAParquetObjectOfItsRecords() throws IOException {
        WorkDir dir = WorkDir.open(root);
        Archiver archiver = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 100), Compression.PARQUET,
                Optional.of(new ParquetOptions(ParquetOptions.Codec.GZIP, 1 << 20)), Duration.ofMinutes(10), Clock.systemUTC(),
                topic -> Optional.empty());
        archiver.assigned(TP, Optional.empty(), CommitPoint.NONE);
        List<WorkFile> work = new ArrayList<>();
        List<MakRecord> records = batch(new Random(3), 0, 100);
        archiver.write(TP, records, work);
        assertThat(work).singleElement().satisfies(f -> assertThat(f.stage()).isEqualTo(Stage.ROTATED));
        ArchiveFacts facts = archiver.ledger().facts(work.get(0));

        WorkFile object = archiver.compressor().compress(work.get(0));

        assertThat(object.stage()).isEqualTo(Stage.UPLOAD);
        assertThat(object.compression()).isEqualTo(Compression.PARQUET);
        assertThat(object.path(dir).getFileName().toString()).isEqualTo("orders+0+00000000000000000000.mak.parquet");
        assertThat(work.get(0).path(dir)).doesNotExist();
        assertThat(archiver.ledger().facts(object)).isEqualTo(facts);
        try (ParquetRecordReader reader = ParquetRecordReader.open(object.path(dir))) {
            assertThat(reader.compression()).isEqualTo("gzip");
            assertThat(reader.header()).isEqualTo(facts.header());
            List<MakRecord> read = new ArrayList<>();
            for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                read.add(r);
            }
            assertThat(read).containsExactlyElementsOf(records);
        }
        try (var scratch = Files.list(root.resolve("compressing"))) {
            assertThat(scratch).isEmpty();
        }
        archiver.close();

        // The next run takes the object up where it is, with what it holds; a damaged one, with no rotated file left to make
        // it again, is moved aside and its offsets read again.
        Archiver second = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 100), Compression.PARQUET,
                Optional.empty(), Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        assertThat(second.completedFiles().awaitingUpload()).containsExactly(object);
        assertThat(second.ledger().facts(object)).isEqualTo(facts);
        second.close();
        byte[] bytes = Files.readAllBytes(object.path(dir));
        Files.write(object.path(dir), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Archiver third = Archiver.open(dir, MakVersion.V2, new RotationPolicy(Duration.ofHours(1), 1L << 30, 100), Compression.PARQUET,
                Optional.empty(), Duration.ofMinutes(10), Clock.systemUTC(), topic -> Optional.empty());
        assertThat(third.ledger().damagedFiles()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(object);
            assertThat(d.readAgainFrom()).isZero();
            assertThat(d.movedTo()).exists();
        });
        third.close();
    }

    private static List<MakRecord> batch(Random random, long from, int count) {
        List<MakRecord> records = new ArrayList<>();
        for (long o = from; o < from + count; o++) {
            records.add(MakRecord.of(o, ("key-" + o).getBytes(), VALUES[random.nextInt(VALUES.length)]));
        }
        return records;
    }

    /** Values that compress, but not to nothing. */
    private static final byte[][] VALUES = new byte[64][1000];

    static {
        Random random = new Random(7);
        for (byte[] value : VALUES) {
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) ('a' + random.nextInt(6));
            }
        }
    }
}
