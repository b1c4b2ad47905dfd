package io.kafkaarchiver.cli;

import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.demo.Demo;
import io.kafkaarchiver.testkit.PackagedJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo --keep}: the commands it prints work against the servers it keeps, until it is stopped. */
class DemoKeepIT {

    private static final String NAME = "jar-demo-keep";

    @TempDir
    Path home;

    @Test
    void theCommandsItPrintsWorkUntilItIsStoppedAndThenItsServersAreGone() throws Exception {
        List<ProcessHandle> servers;
        try (ChildJvm demo = PackagedJar.start(NAME, home, Map.of(), "demo", "--keep", "--records", "300", "--dir", home.resolve("demo").toString())) {
            Deadline.await("the demo's commands", Duration.ofMinutes(3), () -> {
                demo.checkAlive();
                return log().contains("Press Ctrl-C to stop them.");
            });
            servers = demo.descendants().toList();
            assertThat(servers).as("the broker and the S3 server").hasSize(2).allMatch(ProcessHandle::isAlive);
            List<String> printed = log().lines().filter(l -> l.startsWith("  java ")).map(String::trim).toList();
            assertThat(printed).extracting(DemoKeepIT::command).containsExactly("ls", "verify", "restore", "mak");

            assertThat(run(printed.get(0))).contains(Demo.TOPIC);
            assertThat(run(printed.get(1))).contains("compared with Kafka at ");
            assertThat(run(printed.get(2))).startsWith("restored 300 records ").contains(" from " + Demo.TOPIC + " into " + Demo.TOPIC + "-restored ");
            assertThat(run(printed.get(3))).startsWith("File topic is " + Demo.TOPIC);

            assertThat(demo.stop(Duration.ofSeconds(30))).as("stopped by SIGTERM; see " + PackagedJar.log(NAME)).isTrue();
        }
        assertThat(log()).contains("Stopping the local Kafka broker and S3 server.");
        Deadline.await("the broker and the S3 server to end", Duration.ofSeconds(30), () -> servers.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static String log() throws Exception {
        return Files.readString(PackagedJar.log(NAME));
    }

    /** The subcommand of a printed command line: the word after the jar. */
    private static String command(String line) {
        List<String> words = Arrays.asList(line.split(" "));
        return words.get(words.indexOf("-jar") + 2);
    }

    /** Runs a printed command line word for word (on this JVM's java); @return what it printed on stdout, once it exited 0 */
    private String run(String line) throws Exception {
        List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
        words.set(0, ChildJvm.java());
        Path out = home.resolve("command.out");
        Path err = home.resolve("command.err");
        ProcessBuilder command = new ProcessBuilder(words).directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        try (ChildJvm child = ChildJvm.start(command(line), command, err)) {
            int exitCode = child.awaitExit(Duration.ofMinutes(1));
            assertThat(exitCode).as(line + "\n" + Files.readString(err)).isZero();
            return Files.readString(out);
        }
    }
}
