package io.kafkaarchiver.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.replay.ReplaySource;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example replay route killed with SIGKILL half-way and started again: it resumes from its checkpoint, so
 * every record of the window lands in the files, in offset order per partition, and only the few completed after
 * the last checkpoint land twice.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class ReplayKilledIT {

    private static final int RECORDS = 1_000;
    private static final int CHECKPOINT_EVERY = 25;
    private static final Pattern VALUE = Pattern.compile("\\{\"n\":(\\d+)}");

    @Test
    void aReplayKilledHalfWayResumesFromItsCheckpointAndMissesNothing(TestEnv env, @TempDir Path dir) throws Exception {
        ReplaySource source = ReplaySource.archive(env, dir, "replay-killed", RECORDS);
        Path out = dir.resolve("out");
        Path checkpoint = dir.resolve("replay-checkpoint.json");
        Path settings = settings(source, dir, out, checkpoint);
        List<ReplaySource.Sent> expected = source.expected(s -> s.record().value() != null);

        try (ChildJvm first = start("replay-killed-1", settings)) {
            Deadline.await("a third of the window replayed and checkpointed", Duration.ofSeconds(60),
                    () -> Files.exists(checkpoint) && delivered(source, out).size() > expected.size() / 3);
            first.kill();
        }
        int beforeKill = delivered(source, out).size();
        assertThat(beforeKill).as("killed half-way").isLessThan(expected.size());

        try (ChildJvm second = start("replay-killed-2", settings)) {
            Deadline.await("every value of the window replayed", Duration.ofSeconds(90),
                    () -> delivered(source, out).stream().distinct().count() == expected.size());
        }
        List<String> delivered = delivered(source, out);
        Map<Integer, List<Integer>> byPartition = delivered.stream().collect(Collectors.groupingBy(
                line -> Integer.parseInt(line.substring(0, line.indexOf('@'))),
                Collectors.mapping(line -> Integer.parseInt(line.substring(line.indexOf('@') + 1)), Collectors.toList())));
        for (int partition = 0; partition < ArchiverIT.PARTITIONS; partition++) {
            int p = partition;
            List<Integer> values = byPartition.getOrDefault(p, List.of());
            List<Integer> wanted = expected.stream().filter(s -> s.partition() == p).map(ReplayKilledIT::number).toList();
            assertThat(values.stream().distinct().toList()).as("partition %d, in offset order", p).containsExactlyElementsOf(wanted);
            assertThat(values.size() - wanted.size()).as("partition %d: replayed twice, after its last checkpoint", p)
                    .isLessThanOrEqualTo(CHECKPOINT_EVERY);
        }
    }

    private static ChildJvm start(String name, Path settings) throws IOException {
        return ChildJvm.start(name, System.getProperty("java.class.path"), List.of("-Xmx512m"), ReplayRouteMain.class.getName(),
                List.of(settings.toString()), Path.of("target", "it-logs", name + ".log").toAbsolutePath(), null);
    }

    private static Path settings(ReplaySource source, Path dir, Path out, Path checkpoint) throws IOException {
        Properties p = new Properties();
        p.putAll(source.settings());
        p.setProperty("replay.topic", source.topic());
        p.setProperty("replay.from", "1970-01-01T00:00:00Z");
        p.setProperty("replay.to", "2999-01-01T00:00:00Z");
        p.setProperty("replay.checkpoint", checkpoint.toString());
        p.setProperty("replay.checkpoint-every", Integer.toString(CHECKPOINT_EVERY));
        p.setProperty("replay.max-rate", "250");
        p.setProperty("replay.dir", out.toString());
        Path file = dir.resolve("replay.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, null);
        }
        return file;
    }

    /**
     * Every value found in the files as {@code partition@n}, in file order. Matched as values, not lines: a kill
     * while a value was appended leaves it torn (and, its exchange not completed, replayed whole later).
     */
    private static List<String> delivered(ReplaySource source, Path out) throws IOException {
        List<String> found = new ArrayList<>();
        for (int partition = 0; partition < ArchiverIT.PARTITIONS; partition++) {
            Path file = out.resolve(source.topic() + "-" + partition + ".jsonl");
            if (Files.exists(file)) {
                Matcher m = VALUE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(partition + "@" + m.group(1));
                }
            }
        }
        return found;
    }

    private static int number(ReplaySource.Sent s) {
        Matcher m = VALUE.matcher(new String(s.record().value(), StandardCharsets.UTF_8));
        assertThat(m.matches()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
