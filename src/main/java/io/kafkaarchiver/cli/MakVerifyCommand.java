package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import io.kafkaarchiver.parquet.ParquetRecordReader;
import io.kafkaarchiver.mak.MakVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mak verify}: check files end to end, one line each. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the structure (and for MAK v2 and Parquet objects every checksum) of MAK files or the archive's Parquet objects; one line per file.",
                "Exits 1 if any file is damaged or unreadable."})
final class MakVerifyCommand implements Callable<Integer> {

    private final Console console;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "MAK files: .mak, .mak.gz or .mak.zst, v1 or v2; or the archive's .parquet objects.")
    List<Path> files;

    MakVerifyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        int exit = Console.EXIT_OK;
        for (Path file : files) {
            try (RecordSource reader = ArchiveObjects.open(file)) {
                MakSummary summary = reader.scan();
                console.out().println("OK       " + file + ": " + (reader instanceof ParquetRecordReader ? "parquet" : reader.version()) + ", "
                        + describe(summary) + (reader.version() == MakVersion.V1 ? " (v1 has no checksums: structure checked)"
                        : reader instanceof ParquetRecordReader ? ", page checksums match" : ", checksums match"));
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
