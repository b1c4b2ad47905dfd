package io.kafkaarchiver.convert;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.Life;
import io.kafkaarchiver.archive.ParquetObjects;
import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectIdentity;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import io.kafkaarchiver.parquet.ParquetOptions;
import io.kafkaarchiver.parquet.RecordSchema;
import io.kafkaarchiver.restore.ArchiveReader;
import io.kafkaarchiver.restore.ChosenLife;
import io.kafkaarchiver.restore.RestorePlan;
import io.kafkaarchiver.restore.RestoreWindow;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StoredObject;
import io.kafkaarchiver.upload.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rewrites a topic's archived MAK objects as Parquet objects under another prefix of the same store: each object
 * that holds records of the window is read through the catalog and the archive's reader, converted whole, and put
 * create-only with the {@code mak-*} metadata the archiver gives its own Parquet objects. What a key holds already
 * (the same offsets, count and life) is skipped, so a run that was stopped is resumed by running it again.
 */
public final class TopicConversion {

    /** What a run did. */
    public record Result(int converted, int skipped, long records, long bytes) {
    }

    /** An object to convert, and the key its Parquet object goes under. */
    public record Planned(ArchivedObject source, String key) {
    }

    private final ArchiveStore store;
    private final ArchiveCatalog catalog;
    private final ObjectKeys keys;
    private final String prefix;
    private final ParquetOptions options;

    /**
     * @param keys   the key template, read as the archiver reads {@code archive.key-template}, of the key under {@code prefix}
     * @param prefix what every key starts with ({@code parquet/}, say)
     */
    public TopicConversion(ArchiveStore store, ArchiveCatalog catalog, ObjectKeys keys, String prefix, ParquetOptions options) {
        this.store = store;
        this.catalog = catalog;
        this.keys = keys;
        this.prefix = prefix;
        this.options = options;
    }

    /**
     * The MAK objects of one life of {@code topic} that hold records of {@code window}, by the catalog, in offset
     * order per partition, each with its key; its Parquet objects among them are left out (they are Parquet already).
     *
     * @param notices where what the user should know is said (unreadable catalog entries, the life chosen)
     */
    public List<Planned> plan(String topic, Optional<String> topicId, RestoreWindow window, Consumer<String> notices) {
        ArchiveReader.Selection selection = new ArchiveReader(store, catalog).select(ChosenLife.Chooser.CONVERT, topic, topicId,
                Optional::empty, Set.of(), window, notices);
        return selection.plan().partitions().stream().map(RestorePlan.PartitionPlan::objects).flatMap(List::stream)
                .filter(o -> !o.format().equals(RecordSchema.FORMAT))
                .map(o -> new Planned(o, prefix + keys.keyFor(keyFacts(o), o.topicId().map(Life::of).orElse(Life.UNKNOWN), (t, id) -> true)))
                .toList();
    }

    /**
     * Converts the planned objects one after the other, in {@code work} (a folder for one Parquet file at a time).
     *
     * @throws ConversionException for an object that cannot be converted, or a key that holds another object
     */
    public Result run(List<Planned> planned, Path work, ConversionProgress progress) {
        int converted = 0;
        int skipped = 0;
        long records = 0;
        long bytes = 0;
        for (Planned p : planned) {
            if (alreadyConverted(p)) {
                skipped++;
            } else {
                convert(p, work);
                converted++;
                records += p.source().recordCount();
                bytes += p.source().size();
            }
            progress.objectDone(p.source());
        }
        return new Result(converted, skipped, records, bytes);
    }

    private void convert(Planned p, Path work) {
        ArchivedObject source = p.source();
        Path file = work.resolve("converting.parquet");
        try {
            ArchiveFacts facts;
            try (RecordSource records = ArchiveObjects.open(store.get(source.key()), source.key())) {
                facts = ParquetObjects.convert(records, file, options, source.topicId());
            }
            MakSummary s = facts.summary();
            if (s.recordCount() != source.recordCount() || s.firstOffset() != source.startOffset() || s.lastOffset() != source.endOffset()) {
                throw new ConversionException(source.key() + " holds " + s.recordCount() + " records, offsets " + s.firstOffset() + ".."
                        + s.lastOffset() + ", where its metadata says " + source.recordCount() + ", " + source.startOffset() + ".."
                        + source.endOffset() + ": run verify");
            }
            Map<String, String> metadata = ObjectMetadata.of(facts.header(), s, RecordSchema.FORMAT, options.codec().settingName(),
                    source.topicId(), Optional.of(ObjectMetadata.sha256(file)));
            try {
                store.put(p.key(), file, metadata, new Precondition.CreateOnly());
            } catch (PreconditionFailedException raced) {
                // Another run put it first: fine if it is the same object.
                if (!alreadyConverted(p)) {
                    throw raced;
                }
            }
        } catch (IOException e) {
            throw new ConversionException("cannot convert " + source.key() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ConversionException("cannot convert " + source.key() + ": " + e.getCause().getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The next object's file replaces it; the folder is the caller's.
            }
        }
    }

    /** True when the key holds the Parquet object of these records; a key that holds anything else stops the run. */
    private boolean alreadyConverted(Planned p) {
        Optional<StoredObject> held = store.head(p.key());
        if (held.isEmpty()) {
            return false;
        }
        ArchivedObject o = p.source();
        ObjectIdentity wanted = new ObjectIdentity(o.topicId(), o.startOffset(), o.endOffset(), o.recordCount(), Optional.empty());
        Optional<ObjectIdentity> found = ObjectIdentity.fromMetadata(p.key(), held.get().metadata());
        if (found.isPresent() && wanted.standingOf(found.get()) == ObjectIdentity.Standing.SAME
                && RecordSchema.FORMAT.equals(held.get().metadata().get(ObjectMetadata.FORMAT))) {
            return true;
        }
        throw new ConversionException(p.key() + " holds another object (" + found.map(Object::toString).orElse("not one of the archive's")
                + ") than the conversion of " + o.key() + ": choose another --prefix or --key-template");
    }

    /**
     * The facts a key is made of, from the catalog alone, so that a run knows a key before it downloads anything:
     * {@code {date}}, {@code {hour}} and {@code {yymmdd}} are of the object's earliest record.
     */
    private static ArchiveFacts keyFacts(ArchivedObject o) {
        Instant earliest = Instant.ofEpochMilli(Math.max(0, o.minTimestamp()));
        return new ArchiveFacts(MakVersion.V2, new MakFileHeader(o.topic(), o.partition(), o.startOffset(), earliest),
                new MakSummary(o.recordCount(), o.startOffset(), o.endOffset(), o.minTimestamp(), o.maxTimestamp()),
                o.minTimestamp() < 0 ? MakRecord.NO_TIMESTAMP : o.minTimestamp());
    }
}
