package io.kafkaarchiver.archive;

import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.mak.Compression;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotate route's rounds: one at start, then one the moment a file is due, however long the check interval. */
class RotationScheduleTest {

    @Test
    void aRoundRunsWhenAFileIsDueNotAtTheNextCheck() throws Exception {
        RotationDeadlines deadlines = new RotationDeadlines();
        RotationSchedule schedule = new RotationSchedule(deadlines, Duration.ofHours(1), Clock.systemUTC());
        AtomicInteger rounds = new AtomicInteger();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            schedule.setCamelContext(camel);
            // A round takes the files due, as the rotate route's does.
            schedule.scheduleTask(() -> {
                rounds.incrementAndGet();
                deadlines.takeDue(Clock.systemUTC().instant());
            });
            schedule.start();
            schedule.startScheduler();
            Deadline.await("the first round, at start", Duration.ofSeconds(10), () -> rounds.get() == 1);

            long opened = System.nanoTime();
            deadlines.add(new WorkFile(new TopicPartition("orders", 0), Life.UNKNOWN, 0, Stage.IN_PROGRESS, Compression.NONE),
                    Clock.systemUTC().instant().plusMillis(300));
            // At least: a round a moment early finds nothing due yet and plans another at once.
            Deadline.await("a round for the file due in 300 ms", Duration.ofSeconds(10), () -> rounds.get() >= 2);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(290));

            schedule.stop();
            assertThat(schedule.isSchedulerStarted()).isFalse();
        }
    }
}
