package io.kafkaarchiver.cli;

import io.kafkaarchiver.Application;
import io.kafkaarchiver.demo.Demo;
import io.kafkaarchiver.testkit.PackagedJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/** The packaged jar as the README tells users to run it, and what they see when its settings are wrong. */
class JarIT {

    private static final Pattern SERVER_FILES = Pattern.compile("their files are in (.+)$", Pattern.MULTILINE);

    @TempDir
    Path home;

    @Test
    void theDemoArchivesItsRecordsAndShowsWhatLanded() throws Exception {
        int records = 300;
        PackagedJar.Run demo = PackagedJar.run("jar-demo", home, Map.of(), Duration.ofMinutes(4), "demo", "--records", Integer.toString(records));
        Matcher serverFiles = SERVER_FILES.matcher(demo.out());
        try {
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            assertThat(demo.out()).contains("Produced " + records + " records to " + Demo.TOPIC)
                    .contains("What landed in s3://" + Demo.BUCKET + ":");

            List<ObjectRow> objects = demo.out().lines().flatMap(ObjectRow::parse).toList();
            assertThat(objects).isNotEmpty().allSatisfy(o -> {
                assertThat(o.key()).startsWith(Demo.TOPIC + "/");
                assertThat(o.records()).as("records of " + o.key()).isEqualTo(o.last() - o.first() + 1);
                assertThat(o.bytes()).as("bytes of " + o.key()).isPositive();
            });
            assertThat(objects.stream().mapToLong(ObjectRow::records).sum()).isEqualTo(records);
            // Each partition's objects follow on from one another from offset 0: no record missing or shown twice.
            objects.stream().collect(Collectors.groupingBy(ObjectRow::partition)).forEach((partition, inPartition) -> {
                long next = 0;
                for (ObjectRow o : inPartition.stream().sorted(Comparator.comparingLong(ObjectRow::first)).toList()) {
                    assertThat(o.first()).as("first offset of " + o.key()).isEqualTo(next);
                    next = o.last() + 1;
                }
            });

            List<String> cat = demo.out().lines().dropWhile(l -> !l.startsWith("mak cat ")).toList();
            assertThat(cat).as("the mak cat of one object").hasSizeGreaterThan(6);
            assertThat(cat.get(0)).isIn(objects.stream().map(o -> "mak cat " + o.key() + " (first lines):").toList());
            assertThat(cat.get(1)).isEqualTo("  File topic is " + Demo.TOPIC);
            assertThat(cat).anyMatch(l -> l.startsWith("  Processing message with offset: ") && l.contains(", key: customer-")
                    && l.contains(", value: {\"order\":"));

            assertThat(serverFiles.find()).as("where the demo's files are").isTrue();
            assertThat(Path.of(serverFiles.group(1))).isDirectory();
            // A first run that shows a warning or a stack trace looks broken, whatever it printed besides.
            assertThat(demo.err()).as("stderr").doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("\tat ");
        } finally {
            if (serverFiles.reset().find()) {
                deleteTree(Path.of(serverFiles.group(1)));
            }
        }
    }

    @Test
    void helpListsEveryCommandWithAWholeSentence() throws Exception {
        PackagedJar.Run help = PackagedJar.run("jar-help", home, Map.of(), Duration.ofMinutes(1), "--help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        Map<String, String> listed = commandSummaries(help.out());
        List<String> commands = Arrays.stream(Application.class.getAnnotation(Command.class).subcommands())
                .map(c -> c.getAnnotation(Command.class).name()).toList();
        assertThat(listed.keySet()).containsExactlyElementsOf(commands);
        // The list shows each command's first description line: cut mid-sentence, it reads as broken.
        assertThat(listed).allSatisfy((command, summary) -> assertThat(summary).as(command).endsWith("."));
    }

    /** From application.properties or from the environment, a bad setting is named with what it accepts. */
    @ParameterizedTest(name = "{0}{1}")
    @CsvSource(delimiter = '|', value = {
            // application.properties line         | environment             | stderr: "run: bad setting " and
            "archive.rotate.max-age = 5 minutes     |                         | archive.rotate.max-age: '5 minutes' is not a duration (write it like 500ms, 30s, 5m, 1h, 1d)",
            "archive.rotate.maxage = 5m             |                         | archive.rotate.maxage: unknown setting (known: archive.compression, archive.dead-letter-uri, archive.format, archive.groups, archive.groups.interval, archive.handoff.budget, archive.health.max-stall, archive.key-template, archive.manifest-prefix, archive.min-free-disk,",
            // Unchecked, the consumer would reject it only once its route starts, and be started again forever.
            "kafka.consumer.max.poll.records = lots |                         | kafka.consumer.max.poll.records: 'lots' is not valid: Not a number of type INT",
            "                                       | ARCHIVE_COMPRESSION=lz4 | archive.compression: unknown compression 'lz4' (accepted: none, gzip, zstd)",
    })
    void aBadSettingStopsStartupWithOneLineNamingItAndWhatItAccepts(String line, String environment, String message) throws Exception {
        Files.writeString(home.resolve("application.properties"), "archive.topics = orders\n" + (line == null ? "" : line) + "\n");
        Map<String, String> variables = environment == null ? Map.of() : Map.of(environment.split("=")[0], environment.split("=")[1]);

        PackagedJar.Run run = PackagedJar.run("jar-run-bad-setting", home, variables, Duration.ofMinutes(1), "run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Console.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as("stderr").singleElement(STRING).startsWith("run: bad setting " + message);
    }

    /** The "Commands:" list of picocli's help: each command's name and its summary, wrapped lines joined. */
    private static Map<String, String> commandSummaries(String help) {
        Map<String, String> summaries = new LinkedHashMap<>();
        String current = null;
        for (String line : help.lines().dropWhile(l -> !l.equals("Commands:")).skip(1).toList()) {
            if (line.matches(" {2}\\S.*")) {
                String[] nameAndSummary = line.trim().split("\\s+", 2);
                current = nameAndSummary[0];
                summaries.put(current, nameAndSummary[1]);
            } else if (current != null && !line.isBlank()) {
                summaries.merge(current, line.trim(), (a, b) -> a + " " + b);
            }
        }
        return summaries;
    }

    /** A row of the demo's table of what landed: key (topic/partition/...), offsets first..last, records, bytes. */
    private record ObjectRow(String key, int partition, long first, long last, long records, long bytes) {

        private static final Pattern ROW = Pattern.compile(" {2}(\\S+/(\\d+)/\\S+)\\s+(\\d+)\\.\\.(\\d+)\\s+(\\d+)\\s+(\\d+)");

        static Stream<ObjectRow> parse(String line) {
            Matcher m = ROW.matcher(line);
            return m.matches()
                    ? Stream.of(new ObjectRow(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6))))
                    : Stream.empty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
