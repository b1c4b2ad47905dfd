package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;
import io.kafkaarchiver.store.StoredObject;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What an archive holds, read back with the archive's readers (MAK or Parquet): every record, with the key of the object it is in. */
public record ArchiveContents(Map<String, Map<String, String>> metadata, List<Entry> entries) {

    /** The default manifest prefix: its entries are JSON, not archive objects. */
    static final String MANIFEST_PREFIX = "_manifest/";

    public record Entry(String objectKey, String topic, int partition, MakRecord record) {
    }

    /** What one object holds, from its records as the archive's readers read them (not from its metadata). */
    public record HeldRecords(String key, int partition, long firstOffset, long lastOffset, long count, long minTimestamp, long maxTimestamp) {
    }

    public static ArchiveContents read(TestEnv env) throws IOException {
        return read(env.store());
    }

    public static ArchiveContents read(ArchiveStore store) throws IOException {
        Map<String, Map<String, String>> metadata = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (StoredObject o : store.listAll("")) {
            if (o.key().startsWith(MANIFEST_PREFIX)) {
                continue;
            }
            try (InputStream in = store.get(o.key());
                 RecordSource reader = ArchiveObjects.open(in, o.key())) {
                metadata.put(o.key(), store.head(o.key()).orElseThrow(() -> new NoSuchObjectException(o.key(), null)).metadata());
                for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                    entries.add(new Entry(o.key(), reader.header().topic(), reader.header().partition(), r));
                }
            } catch (NoSuchObjectException listedButNotYetReadable) {
                // The S3 server lists an object while its upload is still being written: read it next time.
            }
        }
        return new ArchiveContents(metadata, entries);
    }

    /** How many times each (partition, offset) appears: exactly once is the goal. */
    public Map<String, Integer> offsetCounts(String topic) {
        Map<String, Integer> counts = new HashMap<>();
        for (Entry e : entries) {
            if (e.topic().equals(topic)) {
                counts.merge(e.partition() + "@" + e.record().offset(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The objects of {@code topic}, in partition and offset order. */
    public List<HeldRecords> objects(String topic) {
        return entries.stream().filter(e -> e.topic().equals(topic))
                .collect(Collectors.groupingBy(Entry::objectKey)).values().stream()
                .map(inObject -> {
                    List<MakRecord> records = inObject.stream().map(Entry::record).toList();
                    return new HeldRecords(inObject.get(0).objectKey(), inObject.get(0).partition(),
                            records.stream().mapToLong(MakRecord::offset).min().orElseThrow(),
                            records.stream().mapToLong(MakRecord::offset).max().orElseThrow(), records.size(),
                            records.stream().mapToLong(MakRecord::timestamp).min().orElseThrow(),
                            records.stream().mapToLong(MakRecord::timestamp).max().orElseThrow());
                })
                .sorted(Comparator.comparingInt(HeldRecords::partition).thenComparingLong(HeldRecords::firstOffset))
                .toList();
    }
}
