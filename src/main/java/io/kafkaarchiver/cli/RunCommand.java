package io.kafkaarchiver.cli;

import io.kafkaarchiver.check.StartupChecks;
import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code run}: the archiver itself, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Archive Kafka topics to the store (S3, GCS, Azure Blob Storage or a directory) until stopped (Ctrl-C or SIGTERM stop it cleanly).",
                "Settings: the jar's defaults, ./application.properties, then environment variables.",
                "Routes: ./routes/*.camel.yaml when present, else the jar's own.",
                "Checks first what `check` checks: a bad setting it finds stops the start (exit 2)."})
public final class RunCommand implements Callable<Integer> {

    private final Console console;

    public RunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Properties settings = SettingsSource.load(here, System.getenv());
        try {
            // Camel's consumer gives up on a refused login with a warning and consumes nothing, and a refused
            // upload would only be retried: a wrong setting stops the start here instead, named.
            ArchiveSettings checked = ArchiveSettings.from(settings);
            new StartupChecks(checked).beforeArchiving();
            ArchiverRuntime.create(settings, checked, ArchiverRuntime.routesFor(here)).run();
            return Console.EXIT_OK;
        } catch (SettingsException e) {
            console.err().println("run: bad setting " + e.getMessage());
            return Console.EXIT_USAGE;
        }
    }
}
