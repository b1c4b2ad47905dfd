package io.kafkaarchiver.verify;

import java.util.Optional;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.verify.Gap.Evidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Gaps and overlaps from the objects' offset ranges, and gaps judged by what Kafka holds. */
class CoverageTest {

    /** A probe that must not be asked: the range lies where Kafka cannot be asked, or there is no hole. */
    private static final RecordProbe NEVER_ASKED = (from, to) -> {
        throw new AssertionError("Kafka asked about " + from + ".." + to);
    };

    @Test
    void objectsEndToEndCoverTheirRangeWithoutGapsOrOverlaps() {
        Coverage c = Coverage.of(List.of(object("t/0/200", 200, 299), object("t/0/0", 0, 99), object("t/0/100", 100, 199)));

        assertThat(c.objectCount()).isEqualTo(3);
        assertThat(c.recordCount()).isEqualTo(300);
        assertThat(c.firstOffset()).isZero();
        assertThat(c.lastOffset()).isEqualTo(299);
        assertThat(c.gapsBetweenObjects()).isEmpty();
        assertThat(c.overlaps()).isEmpty();
        assertThat(c.gaps(new LogBounds(0, 300), NEVER_ASKED)).isEmpty();
    }

    @Test
    void aMissingRangeBetweenObjectsIsAGapNotCheckedAgainstKafka() {
        Coverage c = Coverage.of(List.of(object("t/0/0", 0, 99), object("t/0/200", 200, 299), object("t/0/300", 300, 310)));

        assertThat(c.gapsBetweenObjects()).containsExactly(new Gap(100, 199, Evidence.NOT_CHECKED));
        assertThat(c.gapsBetweenObjects().get(0).offsetCount()).isEqualTo(100);
    }

    @Test
    void theSameOffsetsInTwoObjectsAreAnOverlapNamingBoth() {
        Coverage c = Coverage.of(List.of(object("t/0/0", 0, 99), object("t/0/100", 100, 199), object("copy/t/0/100", 100, 199),
                object("t/0/150", 150, 249), object("t/0/160", 160, 170)));

        assertThat(c.overlaps()).containsExactly(
                new Overlap(100, 199, "t/0/100", "copy/t/0/100"),
                new Overlap(150, 199, "t/0/100", "t/0/150"),
                new Overlap(160, 170, "t/0/150", "t/0/160"));
        assertThat(c.gapsBetweenObjects()).isEmpty();
        assertThat(c.lastOffset()).isEqualTo(249);
    }

    @Test
    void aHoleWhereKafkaHasNoRecordsIsNoGap() {
        // Compaction: offsets 100..199 were all cleaned away, and the first record left is at 7.
        Coverage c = Coverage.of(List.of(object("t/0/7", 7, 99), object("t/0/200", 200, 299)));
        List<String> asked = new ArrayList<>();

        List<Gap> gaps = c.gaps(new LogBounds(0, 300), (from, to) -> {
            asked.add(from + ".." + to);
            return false;
        });

        assertThat(gaps).isEmpty();
        assertThat(asked).containsExactly("0..6", "100..199");
    }

    @Test
    void aHoleWhereKafkaHasRecordsIsAConfirmedGap() {
        Coverage c = Coverage.of(List.of(object("t/0/0", 0, 99), object("t/0/200", 200, 299)));

        assertThat(c.gaps(new LogBounds(0, 300), (from, to) -> true))
                .containsExactly(new Gap(100, 199, Evidence.KAFKA_HAS_RECORDS));
    }

    @Test
    void belowKafkasLogStartAHoleCannotBeConfirmedAndStaysAGap() {
        Coverage c = Coverage.of(List.of(object("t/0/0", 0, 99), object("t/0/200", 200, 299), object("t/0/400", 400, 499)));
        List<String> asked = new ArrayList<>();

        // Retention has deleted everything below 150: 100..149 is gone, 150..199 and 300..399 can be asked.
        List<Gap> gaps = c.gaps(new LogBounds(150, 500), (from, to) -> {
            asked.add(from + ".." + to);
            return from == 300;
        });

        assertThat(asked).containsExactly("150..199", "300..399");
        assertThat(gaps).containsExactly(new Gap(100, 149, Evidence.GONE_FROM_KAFKA), new Gap(300, 399, Evidence.KAFKA_HAS_RECORDS));
    }

    @Test
    void offsetsRetentionDeletedBeforeTheyWereArchivedAreAGap() {
        // The archiver fell behind: Kafka now starts at 500, the archive ends at 99.
        Coverage c = Coverage.of(List.of(object("t/0/0", 0, 99)));

        assertThat(c.gaps(new LogBounds(500, 600), NEVER_ASKED)).containsExactly(new Gap(100, 499, Evidence.GONE_FROM_KAFKA));
    }

    @Test
    void anArchiveStartingAfterKafkasLogStartIsAskedAboutTheOffsetsBefore() {
        Coverage c = Coverage.of(List.of(object("t/0/50", 50, 99)));

        assertThat(c.gaps(new LogBounds(0, 100), (from, to) -> from == 0 && to == 49))
                .containsExactly(new Gap(0, 49, Evidence.KAFKA_HAS_RECORDS));
    }

    @Test
    void noObjectsCoverNothing() {
        Coverage c = Coverage.of(List.of());

        assertThat(c.isEmpty()).isTrue();
        assertThat(c.firstOffset()).isEqualTo(Coverage.NONE);
        assertThat(c.lastOffset()).isEqualTo(Coverage.NONE);
        assertThat(c.gaps(new LogBounds(0, 100), NEVER_ASKED)).isEmpty();
    }

    static ArchivedObject object(String key, long start, long end) {
        return new ArchivedObject(key, "t", 0, start, end, end - start + 1, 1_700_000_000_000L, 1_700_000_001_000L, "mak2", "gzip", 1000, Optional.empty(), Optional.empty());
    }
}
