package io.kafkaarchiver.cli;

import io.kafkaarchiver.demo.Demo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the archiver on a local Kafka and S3, for a machine that has neither. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Archive sample records on a local Kafka broker and S3 server, and show what landed.",
                "Starts both servers itself and stops them at the end (with --keep, when you press Ctrl-C): needs nothing",
                "but this build."})
public final class DemoCommand implements Callable<Integer> {

    private final Console console;

    @Option(names = "--records", defaultValue = "3000", description = "How many sample records to produce (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--keep", description = "Leave the broker and the S3 server running after the demo, and print the ls, verify, "
            + "restore and mak cat commands that explore them; Ctrl-C stops them.")
    boolean keep;

    @Option(names = "--dir", description = "Where the servers and the working directory live (default: a new temporary folder).")
    Path dir;

    @Spec
    CommandSpec spec;

    public DemoCommand(Console console) {
        this.console = console;
    }

    private String makCat(Path file) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        new CommandLine(new MakCommand(), new CommandFactory(new Console(out, console.err()))).execute("cat", file.toString());
        return text.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Integer call() throws Exception {
        Path where = dir != null ? dir : Files.createTempDirectory("kafka-archiver-demo-");
        new Demo(console.out(), records, this::makCat, spec.root().userObject().getClass().getName()).run(where, keep);
        console.out().println();
        console.out().println("Done. The servers are stopped; their files are in " + where);
        return Console.EXIT_OK;
    }
}
