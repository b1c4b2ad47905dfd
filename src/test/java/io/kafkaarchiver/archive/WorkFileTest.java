package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A work file's name says its partition, life, start and compression; names written before lives were known still read. */
class WorkFileTest {

    private static final TopicPartition TP = new TopicPartition("orders.eu-1", 12);
    private static final String ID = "kJ2x9Q3aRZm1sQnQ0c9f1w";

    @Test
    void aNameWrittenBeforeLivesWereKnownIsTheUnknownLife() {
        WorkFile file = WorkFile.parse(Stage.UPLOAD, Path.of("orders.eu-1+12+00000000000000000500.mak.gz")).orElseThrow();
        assertThat(file).isEqualTo(new WorkFile(TP, Life.UNKNOWN, 500, Stage.UPLOAD, Compression.GZIP));
        assertThat(file.fileName()).as("kept as it was").isEqualTo("orders.eu-1+12+00000000000000000500.mak.gz");
    }

    @Test
    void aLifeAndItsSegmentsHaveNamesOfTheirOwn() {
        WorkFile life = new WorkFile(TP, Life.of(ID), 500, Stage.IN_PROGRESS, Compression.NONE);
        WorkFile segment = new WorkFile(TP, Life.of(ID).nextSegment(), 500, Stage.ROTATED, Compression.NONE);
        WorkFile unknownSegment = new WorkFile(TP, Life.UNKNOWN.nextSegment(), 500, Stage.UPLOAD, Compression.ZSTD);
        assertThat(life.fileName()).isEqualTo("orders.eu-1+" + ID + "+12+00000000000000000500.mak");
        assertThat(segment.fileName()).isEqualTo("orders.eu-1+" + ID + ".1+12+00000000000000000500.mak");
        assertThat(unknownSegment.fileName()).isEqualTo("orders.eu-1+AAAAAAAAAAAAAAAAAAAAAA.1+12+00000000000000000500.mak.zst");
        for (WorkFile f : new WorkFile[] {life, segment, unknownSegment}) {
            assertThat(WorkFile.parse(f.stage(), Path.of(f.fileName()))).contains(f);
        }
    }

    @Test
    void otherNamesAreNotWorkFiles() {
        for (String name : new String[] {"orders+12.archived", "orders+" + ID + "+x+00000000000000000500.mak", "orders+12+500.mak",
                "orders+short+12+00000000000000000500.mak", "notes.txt"}) {
            assertThat(WorkFile.parse(Stage.ROTATED, Path.of(name))).as(name).isEqualTo(Optional.empty());
        }
    }
}
