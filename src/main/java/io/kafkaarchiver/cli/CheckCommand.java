package io.kafkaarchiver.cli;

import io.kafkaarchiver.check.CheckLine;
import io.kafkaarchiver.check.StartupChecks;
import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code check}: what {@code run} checks before it archives, one line per check, without archiving. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the settings against Kafka, the store and the disk, without archiving.",
                "One line per check: the working directory and its free space, the Kafka login, the topics (or what the",
                "pattern matches) and their partitions, the store (it lists, and a probe object is written and removed).",
                "Exits 2 if a setting is wrong, 0 otherwise (WAIT: the archiver would start, and wait for what is not there yet)."})
public final class CheckCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    ArchiveLocation location;

    public CheckCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<CheckLine> lines;
        try {
            lines = new StartupChecks(ArchiveSettings.from(location.settings())).all();
        } catch (SettingsException e) {
            console.out().println(row("settings", "FAILED", "bad setting " + e.getMessage()));
            console.out().println("check: FAILED");
            return Console.EXIT_USAGE;
        }
        console.out().println(row("settings", "OK", "read and valid"));
        lines.forEach(line -> console.out().println(row(line.what(), line.status().name(), line.line())));
        long failed = lines.stream().filter(line -> line.status() == CheckLine.Status.FAILED).count();
        long waiting = lines.stream().filter(line -> line.status() == CheckLine.Status.WAIT).count();
        console.out().println(failed > 0 ? "check: FAILED, " + failed + " bad " + (failed == 1 ? "setting" : "settings")
                : waiting > 0 ? "check: OK, but the archiver would wait for " + waiting + (waiting == 1 ? " thing" : " things")
                : "check: OK");
        return failed > 0 ? Console.EXIT_USAGE : Console.EXIT_OK;
    }

    private static String row(String what, String status, String line) {
        return String.format(Locale.ROOT, "%-9s %-6s %s", what, status, line);
    }
}
