package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mak cat}: print the records of MAK files. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print the records of MAK files (or of the archive's Parquet objects), as kafkatos3_parse does, or as JSON lines.",
                "Exits 1 if a file is damaged; its records before the damage are printed, then an error says the output is incomplete."})
final class MakCatCommand implements Callable<Integer> {

    private final Console console;

    @Option(names = "--json", description = "One JSON object per record per line: offset, key and value (base64; null as null), "
            + "and for MAK v2 timestamp, timestampType and headers.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "MAK files: .mak, .mak.gz or .mak.zst, v1 or v2; or the archive's .parquet objects.")
    List<Path> files;

    MakCatCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        RecordPrinter printer = json ? new JsonLinesPrinter(console.out()) : new Kafkatos3TextPrinter(console.out());
        int exit = Console.EXIT_OK;
        for (Path file : files) {
            long printed = 0;
            try (RecordSource reader = ArchiveObjects.open(file)) {
                printer.fileStart(reader.header(), reader.version());
                for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                    printer.record(reader.header(), reader.version(), r);
                    printed++;
                }
            } catch (IOException e) {
                console.out().flush();
                console.err().println("mak cat: " + FileErrors.describe(file, e)
                        + (printed > 0 ? " (output incomplete: " + printed + " records printed before the damage)" : ""));
                exit = Console.EXIT_FAILURE;
            }
        }
        console.out().flush();
        return exit;
    }
}
