package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What a bucket holds, read back with the archive's readers (MAK or Parquet): every record, with the key of the object it is in. */
public record ArchiveContents(Map<String, Map<String, String>> metadata, List<Entry> entries) {

    /** The default manifest prefix: its entries are JSON, not archive objects. */
    static final String MANIFEST_PREFIX = "_manifest/";

    public record Entry(String objectKey, String topic, int partition, MakRecord record) {
    }

    public static ArchiveContents read(TestEnv env) throws IOException {
        return read(env.s3Client(), env.bucket());
    }

    public static ArchiveContents read(S3Client s3, String bucket) throws IOException {
        Map<String, Map<String, String>> metadata = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (o.key().startsWith(MANIFEST_PREFIX)) {
                continue;
            }
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(o.key()));
                 RecordSource reader = ArchiveObjects.open(in, o.key())) {
                metadata.put(o.key(), s3.headObject(b -> b.bucket(bucket).key(o.key())).metadata());
                for (MakRecord r = reader.next(); r != null; r = reader.next()) {
                    entries.add(new Entry(o.key(), reader.header().topic(), reader.header().partition(), r));
                }
            } catch (NoSuchKeyException listedButNotYetReadable) {
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
