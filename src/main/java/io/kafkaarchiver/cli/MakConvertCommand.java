package io.kafkaarchiver.cli;

import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.MakWriter;
import io.kafkaarchiver.mak.V1Losses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mak convert}: rewrite a file in the other MAK version. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Rewrite a MAK file as MAK v1 or v2. Lossless where the target can hold it;",
                "converting to mak1 says what v1 drops (timestamps, headers, null keys and values).",
                "OUT is compressed when its name ends in .gz or .zst. OUT must not exist."})
final class MakConvertCommand implements Callable<Integer> {

    private final Console console;

    @Option(names = "--to", required = true, paramLabel = "mak1|mak2", converter = MakVersionConverter.class,
            description = "The format to write: mak1 (kafkatos3's) or mak2.")
    MakVersion target;

    @Parameters(index = "0", paramLabel = "IN", description = "The MAK file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path out;

    MakConvertCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out)) {
            console.err().println("mak convert: " + out + " exists already; remove it or choose another name");
            return Console.EXIT_FAILURE;
        }
        Path plain = Files.createTempFile(out.toAbsolutePath().getParent(), ".convert-", ".mak");
        try {
            V1Losses losses = new V1Losses();
            long count = 0;
            MakVersion source;
            try (MakReader reader = MakReader.open(in);
                 MakWriter writer = replace(plain, reader)) {
                source = reader.version();
                for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                    if (target == MakVersion.V1) {
                        losses.note(r);
                    }
                    writer.append(r);
                    count++;
                }
            } catch (IOException e) {
                console.err().println("mak convert: " + FileErrors.describe(in, e) + "; nothing written");
                return Console.EXIT_FAILURE;
            }
            publish(plain, Compression.forFileName(out.getFileName().toString()));
            console.out().println("converted " + in + " (" + source + ") to " + out + " (" + target + "): " + count + " records");
            if (losses.any()) {
                console.err().println("mak convert: mak1 cannot hold everything: " + String.join("; ", losses.describe()));
            }
            return Console.EXIT_OK;
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    private MakWriter replace(Path plain, MakReader reader) throws IOException {
        Files.delete(plain);
        return MakWriter.create(plain, target, reader.header());
    }

    /** Moves the finished file into place, compressing it on the way where OUT's name asks for it. */
    private void publish(Path plain, Compression compression) throws IOException {
        if (compression == Compression.NONE) {
            Files.move(plain, out, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path packed = Files.createTempFile(out.toAbsolutePath().getParent(), ".convert-", compression.suffix());
        try {
            try (OutputStream o = compression.compress(Files.newOutputStream(packed))) {
                Files.copy(plain, o);
            }
            Files.move(packed, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(packed);
        }
    }
}
