package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.runtime.ArchiverRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code run}: the archiver itself, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Archive Kafka topics to S3 until stopped (Ctrl-C or SIGTERM stop it cleanly).",
                "Settings: the jar's defaults, ./application.properties, then environment variables.",
                "Routes: ./routes/*.camel.yaml when present, else the jar's own."})
public final class RunCommand implements Callable<Integer> {

    private static final Duration LOGIN_CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final Console console;

    public RunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Properties settings = SettingsSource.load(here, System.getenv());
        try {
            ArchiverRuntime archiver = ArchiverRuntime.create(settings, ArchiverRuntime.routesFor(here));
            try {
                // Camel's consumer gives up on a refused login with a warning and consumes nothing, while the
                // archiver runs on: refused credentials stop it here instead, with the setting named.
                KafkaConnection.from(settings).checkLogin(LOGIN_CHECK_TIMEOUT);
            } catch (SettingsException e) {
                archiver.stop();
                throw e;
            }
            archiver.run();
            return Console.EXIT_OK;
        } catch (SettingsException e) {
            console.err().println("run: bad setting " + e.getMessage());
            return Console.EXIT_USAGE;
        }
    }
}
