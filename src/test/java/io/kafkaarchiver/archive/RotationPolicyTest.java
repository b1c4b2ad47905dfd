package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.RotationRule.MaxAge;
import io.kafkaarchiver.archive.RotationRule.MaxBytes;
import io.kafkaarchiver.archive.RotationRule.MaxRecords;
import io.kafkaarchiver.archive.RotationRule.OpenFile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rotation rule: when it says a file is complete, the reason an operator reads in the log, and the deadline by age. */
class RotationPolicyTest {

    private static final Instant OPENED = Instant.parse("2026-12-04T10:00:00Z");

    private static OpenFile file(long bytes, long records) {
        return new OpenFile(bytes, records, OPENED);
    }

    @Test
    void maxRecordsRotatesAFileHoldingThatMany() {
        MaxRecords rule = new MaxRecords(10);
        assertThat(rule.reason(file(1, 9), OPENED)).isEmpty();
        assertThat(rule.reason(file(1, 10), OPENED)).contains("10 records (archive.rotate.max-records 10)");
        assertThat(rule.deadline(OPENED)).as("only writes set it off").isEmpty();
    }

    @Test
    void maxBytesRotatesAFileThatBig() {
        MaxBytes rule = new MaxBytes(4096);
        assertThat(rule.reason(file(4095, 1), OPENED)).isEmpty();
        assertThat(rule.reason(file(4100, 1), OPENED)).contains("4100 bytes (archive.rotate.max-bytes 4096)");
        assertThat(rule.deadline(OPENED)).isEmpty();
    }

    @Test
    void maxAgeRotatesAFileWithRecordsOnceOldEnoughAndSetsItsDeadline() {
        MaxAge rule = new MaxAge(Duration.ofMinutes(1));
        assertThat(rule.reason(file(100, 5), OPENED.plusSeconds(59))).isEmpty();
        assertThat(rule.reason(file(100, 5), OPENED.plusSeconds(61))).contains("open 61s (archive.rotate.max-age PT1M)");
        assertThat(rule.reason(file(40, 0), OPENED.plusSeconds(61))).as("an empty file waits for its deadline").isEmpty();
        assertThat(rule.deadline(OPENED)).contains(OPENED.plusSeconds(60));
    }

    @Test
    void thePolicyGivesTheFirstRuleThatHoldsAndTheAgeDeadline() {
        RotationPolicy policy = new RotationPolicy(Duration.ofMinutes(1), 4096, 10);
        assertThat(policy.reasonToRotate(file(100, 5), OPENED.plusSeconds(30))).isNull();
        assertThat(policy.reasonToRotate(file(5000, 10), OPENED.plusSeconds(90))).startsWith("10 records");
        assertThat(policy.reasonToRotate(file(5000, 5), OPENED.plusSeconds(90))).startsWith("5000 bytes");
        assertThat(policy.reasonToRotate(file(100, 5), OPENED.plusSeconds(90))).startsWith("open 90s");
        assertThat(policy.deadline(OPENED)).isEqualTo(OPENED.plus(Duration.ofMinutes(1)));
        assertThat(policy.reasonAtDeadline(OPENED, OPENED.plusSeconds(60))).isEqualTo("open 60s (archive.rotate.max-age PT1M)");
    }
}
