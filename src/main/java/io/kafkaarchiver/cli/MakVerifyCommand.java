package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mak verify}: check files end to end, one line each. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the structure (and for MAK v2 every checksum) of MAK files; one line per file.",
                "Exits 1 if any file is damaged or unreadable."})
final class MakVerifyCommand implements Callable<Integer> {

    private final Console console;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "MAK files: .mak, .mak.gz or .mak.zst, v1 or v2.")
    List<Path> files;

    MakVerifyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        int exit = Console.EXIT_OK;
        for (Path file : files) {
            try (MakReader reader = MakReader.open(file)) {
                MakSummary summary = reader.scan();
                console.out().println("OK       " + file + ": " + reader.version() + ", " + describe(summary)
                        + (reader.version() == MakVersion.V1 ? " (v1 has no checksums: structure checked)" : ", checksums match"));
            } catch (IOException e) {
                console.out().println("DAMAGED  " + FileErrors.describe(file, e));
                exit = Console.EXIT_FAILURE;
            }
        }
        return exit;
    }

    private static String describe(MakSummary s) {
        return s.isEmpty() ? "0 records" : s.recordCount() + (s.recordCount() == 1 ? " record" : " records")
                + ", offsets " + s.firstOffset() + ".." + s.lastOffset();
    }
}
