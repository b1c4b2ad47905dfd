package io.kafkaarchiver;

import io.kafkaarchiver.cli.CheckCommand;
import io.kafkaarchiver.cli.CommandFactory;
import io.kafkaarchiver.cli.Console;
import io.kafkaarchiver.cli.ConvertCommand;
import io.kafkaarchiver.cli.DemoCommand;
import io.kafkaarchiver.cli.LsCommand;
import io.kafkaarchiver.cli.MakCommand;
import io.kafkaarchiver.cli.RestoreCommand;
import io.kafkaarchiver.cli.RunCommand;
import io.kafkaarchiver.cli.VerifyCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kafka-archiver command line: one entry for every job the jar does. */
@Command(name = "kafka-archiver", mixinStandardHelpOptions = true, versionProvider = Application.Version.class,
        description = "Archives Kafka topics to S3, GCS, Azure Blob Storage or a directory, and reads them back.",
        subcommands = {RunCommand.class, CheckCommand.class, DemoCommand.class, MakCommand.class, LsCommand.class, VerifyCommand.class, RestoreCommand.class,
                ConvertCommand.class})
public final class Application {

    public static void main(String[] args) {
        System.exit(execute(new Console(System.out, System.err), args));
    }

    /** Runs one command line against the given console; returns the exit code. */
    public static int execute(Console console, String... args) {
        CommandLine cli = new CommandLine(new Application(), new CommandFactory(console));
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            console.err().println(commandLine.getCommandName() + ": " + e.getMessage());
            return Console.EXIT_FAILURE;
        });
        int code = cli.execute(args);
        console.out().flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Application.class.getPackage().getImplementationVersion();
            return new String[] {"kafka-archiver " + (version == null ? "(development build)" : version)};
        }
    }

    /** For tests and embedders: a console over two streams. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return execute(new Console(out, err), args);
    }
}
