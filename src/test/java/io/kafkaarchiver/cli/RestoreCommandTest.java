package io.kafkaarchiver.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code restore} refuses a request that cannot mean anything before it reaches for S3 or Kafka. */
class RestoreCommandTest {

    @Test
    void helpNamesEveryOption() {
        CliRun run = CliRun.of("restore", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--topic", "--partition", "--from-offset", "--to-offset", "--from", "--to", "--target-topic",
                "--dry-run", "--max-rate", "--force", "--offset-map", "--replication-factor", "--config", "--groups", "--all-groups",
                "--settings", "--bucket", "--brokers");
    }

    @Test
    void anEmptyWindowIsABadRequestInOneLine() {
        CliRun offsets = CliRun.of("restore", "--topic", "orders", "--from-offset", "10", "--to-offset", "5");
        assertThat(offsets.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(offsets.stderr()).isEqualTo("restore: from-offset 10 is after to-offset 5: the window holds no records" + System.lineSeparator());

        CliRun times = CliRun.of("restore", "--topic", "orders", "--from", "2026-11-23", "--to", "2026-11-22");
        assertThat(times.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(times.stderr()).startsWith("restore: from 2026-11-23T00:00:00Z is not before to 2026-11-22T00:00:00Z");
    }

    @Test
    void badOptionsAndMissingSettingsNameWhatIsWrong() {
        CliRun rate = CliRun.of("restore", "--topic", "orders", "--max-rate", "-5");
        assertThat(rate.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(rate.stderr()).contains("max-rate -5 is negative");

        CliRun time = CliRun.of("restore", "--topic", "orders", "--from", "yesterday");
        assertThat(time.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(time.stderr()).contains("'yesterday' is not a time");

        CliRun settings = CliRun.of("restore", "--topic", "orders", "--settings", "no-such.properties");
        assertThat(settings.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(settings.stderr()).isEqualTo("restore: bad setting no-such.properties: no such settings file (--settings)" + System.lineSeparator());

        assertThat(CliRun.of("restore").stderr()).contains("Missing required option: '--topic=TOPIC'");

        CliRun groups = CliRun.of("restore", "--topic", "orders", "--groups", "billing", "--all-groups");
        assertThat(groups.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(groups.stderr()).isEqualTo("restore: name the groups to move (groups) or move them all (all-groups), not both" + System.lineSeparator());

        CliRun replication = CliRun.of("restore", "--topic", "orders", "--replication-factor", "0");
        assertThat(replication.exitCode()).isEqualTo(Console.EXIT_USAGE);
        assertThat(replication.stderr()).contains("replication-factor 0 is not a replication factor (1 or more)");
    }
}
