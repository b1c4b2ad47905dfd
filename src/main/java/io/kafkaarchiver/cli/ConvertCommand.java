package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.convert.ConversionException;
import io.kafkaarchiver.convert.ConversionProgress;
import io.kafkaarchiver.convert.TopicConversion;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.parquet.ParquetOptions;
import io.kafkaarchiver.parquet.ParquetSupport;
import io.kafkaarchiver.restore.RestoreException;
import io.kafkaarchiver.restore.RestoreWindow;
import io.kafkaarchiver.upload.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convert}: a topic's archived MAK objects rewritten as Parquet objects under another prefix, for query engines. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rewrite a topic's archived MAK objects as Parquet objects under another prefix of the same store.",
                "Objects are chosen by the catalog (the manifest, or a listing) and converted whole: an object that holds",
                "any record of --from/--to is converted with all its records. Each Parquet object is written as the settings'",
                "archive.parquet.* say, carries the mak-* metadata of the archiver's own (mak-format=parquet) and is put",
                "create-only: run again, it skips what is converted already and goes on where a stopped run stopped.",
                "Progress goes to stderr. The converted objects are not in the manifest: query engines (DuckDB, Athena,",
                "Spark; docs/query.md) and mak cat read them.",
                "Exits 1 when an object cannot be converted or a key holds another object, 2 when the command line or the settings are wrong."})
public final class ConvertCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    ArchiveLocation location;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The archived topic to convert.")
    String topic;

    @Option(names = "--topic-id", paramLabel = "ID",
            description = "Which life of the topic, when it was deleted and created again (default: the latest the archive holds).")
    String topicId;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only objects holding records at or after TIME: " + InstantConverter.FORMATS + ".")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class, description = "Only objects holding records before TIME.")
    Instant to;

    @Option(names = "--prefix", required = true, paramLabel = "PREFIX",
            description = "What the Parquet objects' keys start with, e.g. parquet/ (not empty: the archive's own keys are not replaced).")
    String prefix;

    @Option(names = "--key-template", paramLabel = "TEMPLATE", defaultValue = ObjectKeys.DEFAULT,
            description = "The key after the prefix, with the placeholders of archive.key-template ({date}, {hour} and {yymmdd} are "
                    + "of the object's earliest record), e.g. {topic}/date={date}/hour={hour}/{partition}-{start}{ext} (default: ${DEFAULT-VALUE}).")
    String keyTemplate;

    public ConvertCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (prefix.isBlank() || prefix.startsWith("/")) {
            console.err().println("convert: --prefix must not be empty or start with '/'");
            return Console.EXIT_USAGE;
        }
        if (!ParquetSupport.available()) {
            console.err().println("convert: this runtime lacks Apache Parquet's classes (the runnable jar has them)");
            return Console.EXIT_USAGE;
        }
        ObjectKeys keys;
        RestoreWindow window;
        ParquetOptions options;
        try {
            keys = ObjectKeys.of(keyTemplate, location.settings().getProperty("kafka.group-id", ""), Compression.PARQUET);
            window = RestoreWindow.of(null, null, from, to);
            options = ArchiveSettings.parquetOptions(location.settings());
        } catch (IllegalArgumentException | RestoreException e) {
            console.err().println("convert: " + e.getMessage());
            return Console.EXIT_USAGE;
        }
        return ArchiveAccess.read(console, "convert", location, (archive, store) -> {
            TopicConversion conversion = new TopicConversion(store, location.catalog(archive, store), keys, prefix, options);
            List<TopicConversion.Planned> planned;
            try {
                planned = conversion.plan(topic, Optional.ofNullable(topicId), window, notice -> console.err().println("convert: " + notice));
            } catch (RestoreException e) {
                console.err().println("convert: " + e.getMessage());
                return e.isBadRequest() ? Console.EXIT_USAGE : Console.EXIT_FAILURE;
            }
            ConversionProgress progress = ConversionProgress.to(console.err(), planned);
            Path work = workFolder();
            try {
                TopicConversion.Result result = conversion.run(planned, work, progress);
                progress.finished();
                console.out().println("convert: " + result.converted() + " objects converted (" + result.records() + " records, "
                        + ByteCount.of(result.bytes()) + " read), " + result.skipped() + " converted already, under "
                        + store.describe() + " " + prefix);
                console.out().flush();
                return Console.EXIT_OK;
            } catch (ConversionException e) {
                progress.finished();
                console.err().println("convert: " + e.getMessage());
                return Console.EXIT_FAILURE;
            } finally {
                deleteQuietly(work);
            }
        });
    }

    private static Path workFolder() {
        try {
            return Files.createTempDirectory("kafka-archiver-convert-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder in java.io.tmpdir", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // An empty folder in java.io.tmpdir: nothing the user needs to know of.
        }
    }
}
