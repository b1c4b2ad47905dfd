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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What an archive holds, read back with the archive's readers (MAK or Parquet): every record, with the key of the object it is in. */
public record ArchiveContents(Map<String, Map<String, String>> metadata, List<Entry> entries) {

    /** The default manifest prefix: its entries are JSON, not archive objects. */
    static final String MANIFEST_PREFIX = "_manifest/";

    public record Entry(String objectKey, String topic, int partition, MakRecord record) {
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
}
