package io.kafkaarchiver.verify;

import io.kafkaarchiver.verify.PartitionVerdict.Status;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static io.kafkaarchiver.verify.CoverageTest.object;
import static org.assertj.core.api.Assertions.assertThat;

/** What a partition's verdict says: lost or damaged is FAIL, overlaps and warnings WARN, and how far the archive lags. */
class PartitionVerdictTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);
    private static final Coverage WHOLE = Coverage.of(List.of(object("t/0/0", 0, 99), object("t/0/100", 100, 199)));

    @Test
    void aWholePartitionIsOkAndItsLagIsWhatKafkaHoldsBeyondIt() {
        PartitionVerdict v = verdict(WHOLE, Optional.of(new LogBounds(0, 250)), List.of(), List.of(), List.of());

        assertThat(v.status()).isEqualTo(Status.OK);
        assertThat(v.lag()).contains(50L);
    }

    @Test
    void withoutKafkaThereIsNoLag() {
        assertThat(verdict(WHOLE, Optional.empty(), List.of(), List.of(), List.of()).lag()).isEmpty();
    }

    @Test
    void anUnarchivedPartitionLagsByAllKafkaHolds() {
        PartitionVerdict v = verdict(Coverage.of(List.of()), Optional.of(new LogBounds(40, 90)), List.of(), List.of(), List.of("not archived"));

        assertThat(v.lag()).contains(50L);
        assertThat(v.status()).isEqualTo(Status.WARN);
    }

    @Test
    void overlapsAloneWarn() {
        Coverage overlapping = Coverage.of(List.of(object("t/0/0", 0, 99), object("copy", 0, 99)));

        assertThat(verdict(overlapping, Optional.empty(), List.of(), List.of(), List.of()).status()).isEqualTo(Status.WARN);
    }

    @Test
    void aGapOrADamagedObjectFails() {
        DamagedObject damaged = new DamagedObject(object("t/0/0", 0, 99), "at byte 7: expected a checksum", false);

        assertThat(verdict(WHOLE, Optional.empty(), List.of(new Gap(200, 210, Gap.Evidence.NOT_CHECKED)), List.of(), List.of()).status())
                .isEqualTo(Status.FAIL);
        assertThat(verdict(WHOLE, Optional.empty(), List.of(), List.of(damaged), List.of()).status()).isEqualTo(Status.FAIL);
    }

    private static PartitionVerdict verdict(Coverage coverage, Optional<LogBounds> kafka, List<Gap> gaps, List<DamagedObject> damaged,
                                            List<String> warnings) {
        return new PartitionVerdict(PARTITION, Optional.empty(), LifeState.CURRENT, coverage, kafka, gaps, damaged, warnings, List.of());
    }
}
