package io.kafkaarchiver.cli;

import io.kafkaarchiver.verify.CheckProgress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line verify prints while it downloads the archive. */
class ProgressLinesTest {

    @Test
    void saysObjectsAndBytesDoneAndHowFast() {
        CheckProgress.Snapshot s = new CheckProgress.Snapshot(3, 10, 30L << 20, 100L << 20, Duration.ofSeconds(4));

        assertThat(ProgressLines.line(s))
                .isEqualTo("verify: 3/10 objects read, 30.0 MB of 100.0 MB, 7.5 MB/s");
        assertThat(ProgressLines.line(new CheckProgress.Snapshot(0, 1, 0, 900, Duration.ZERO)))
                .isEqualTo("verify: 0/1 objects read, 0 B of 900 B, 0 B/s");
    }
}
