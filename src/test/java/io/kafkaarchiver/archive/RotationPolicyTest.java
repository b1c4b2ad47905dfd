package io.kafkaarchiver.archive;

import io.kafkaarchiver.archive.RotationRule.EventTime;
import io.kafkaarchiver.archive.RotationRule.MaxAge;
import io.kafkaarchiver.archive.RotationRule.MaxBytes;
import io.kafkaarchiver.archive.RotationRule.MaxRecords;
import io.kafkaarchiver.archive.RotationRule.OpenFile;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakTimestampType;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rotation rule: when it says a file is complete, the reason an operator reads in the log, and the deadline by age. */
class RotationPolicyTest {

    private static final Instant OPENED = Instant.parse("2026-12-04T10:00:00Z");

    private static OpenFile file(long bytes, long records) {
        return new OpenFile(bytes, records, OPENED, MakRecord.NO_TIMESTAMP);
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

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** A file of {@code records} records whose first has {@code firstTimestamp}. */
    private static OpenFile firstAt(long firstTimestamp, long records) {
        return new OpenFile(100, records, OPENED, firstTimestamp);
    }

    private static MakRecord recordAt(long offset, long timestamp) {
        return new MakRecord(offset, timestamp, timestamp < 0 ? MakTimestampType.NO_TIMESTAMP_TYPE : MakTimestampType.CREATE_TIME,
                null, new byte[1], List.of());
    }

    @Test
    void theHourRuleCompletesAFileBeforeARecordOfAnotherUtcHourLateOnesToo() {
        EventTime rule = new EventTime(EventTimeRotation.HOUR);
        OpenFile file = firstAt(at("2026-12-04T10:15:00Z"), 3);
        assertThat(rule.reasonBefore(file, recordAt(7, at("2026-12-04T10:00:00Z")))).as("the same hour").isEmpty();
        assertThat(rule.reasonBefore(file, recordAt(7, at("2026-12-04T10:59:59.999Z")))).isEmpty();
        assertThat(rule.reasonBefore(file, recordAt(7, at("2026-12-04T11:00:00Z"))))
                .contains("offset 7 is of 2026-12-04T11h, the file of 2026-12-04T10h (archive.rotate.event-time hour)");
        assertThat(rule.reasonBefore(file, recordAt(8, at("2026-12-04T09:59:59.999Z"))))
                .contains("offset 8 is of 2026-12-04T09h (late), the file of 2026-12-04T10h (archive.rotate.event-time hour)");
        assertThat(rule.reason(file, OPENED.plusSeconds(86_400))).as("nothing after a record is appended").isEmpty();
        assertThat(rule.deadline(OPENED)).as("no deadline of its own").isEmpty();
    }

    @Test
    void theDayRuleKeepsAFileToOneUtcDay() {
        EventTime rule = new EventTime(EventTimeRotation.DAY);
        OpenFile file = firstAt(at("2026-12-31T23:59:00Z"), 1);
        assertThat(rule.reasonBefore(file, recordAt(2, at("2026-12-31T01:00:00Z")))).as("another hour, the same day").isEmpty();
        assertThat(rule.reasonBefore(file, recordAt(2, at("2027-01-01T00:00:00Z"))))
                .contains("offset 2 is of 2027-01-01, the file of 2026-12-31 (archive.rotate.event-time day)");
        assertThat(rule.reasonBefore(file, recordAt(2, at("2026-12-30T23:59:59Z")))).hasValueSatisfying(r -> assertThat(r).contains("(late)"));
    }

    @Test
    void aRecordWithoutTimestampStaysInTheOpenFileAndOneThatOpensAFileIsOfTheEpochsHour() {
        EventTime rule = new EventTime(EventTimeRotation.HOUR);
        assertThat(rule.reasonBefore(firstAt(at("2026-12-04T10:15:00Z"), 3), recordAt(9, MakRecord.NO_TIMESTAMP))).isEmpty();
        OpenFile untimed = firstAt(MakRecord.NO_TIMESTAMP, 1);
        assertThat(rule.reasonBefore(untimed, recordAt(9, MakRecord.NO_TIMESTAMP))).isEmpty();
        assertThat(rule.reasonBefore(untimed, recordAt(9, at("2026-12-04T10:15:00Z"))))
                .contains("offset 9 is of 2026-12-04T10h, the file of 1970-01-01T00h (archive.rotate.event-time hour)");
        assertThat(rule.reasonBefore(firstAt(MakRecord.NO_TIMESTAMP, 0), recordAt(0, at("2026-12-04T10:15:00Z"))))
                .as("an empty file takes any record").isEmpty();
    }

    @Test
    void thePolicyLooksBeforeAppendingOnlyWithAnEventTimeRule() {
        assertThat(new RotationPolicy(Duration.ofMinutes(1), 4096, 10).looksBeforeAppending()).isFalse();
        assertThat(new RotationPolicy(Duration.ofMinutes(1), 4096, 10, EventTimeRotation.NONE).looksBeforeAppending()).isFalse();
        RotationPolicy hourly = new RotationPolicy(Duration.ofMinutes(1), 4096, 10, EventTimeRotation.HOUR);
        assertThat(hourly.looksBeforeAppending()).isTrue();
        assertThat(hourly.reasonToRotateBefore(firstAt(at("2026-12-04T10:15:00Z"), 1), recordAt(1, at("2026-12-04T12:00:00Z"))))
                .startsWith("offset 1 is of 2026-12-04T12h");
        assertThat(hourly.reasonToRotateBefore(firstAt(at("2026-12-04T10:15:00Z"), 1), recordAt(1, at("2026-12-04T10:16:00Z")))).isNull();
    }

    @Test
    void theSettingIsNoneHourOrDay() {
        assertThat(EventTimeRotation.fromSettingName(" Hour ")).isEqualTo(EventTimeRotation.HOUR);
        assertThat(EventTimeRotation.fromSettingName("none")).isEqualTo(EventTimeRotation.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventTimeRotation.fromSettingName("minute"))
                .hasMessage("'minute' is not one of: none, hour, day");
    }
}
