package io.kafkaarchiver.verify;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakFormatException;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;

/**
 * Downloads one object and reads every record, streaming (memory does not grow with the object):
 * the MAK reader checks its structure and, for MAK v2, every checksum; then what the records add
 * up to is compared with what the object's metadata (or manifest entry) claims, and the SHA-256 of its
 * bytes with the {@code mak-sha256} it was put with (objects put before it was kept have none). A Parquet
 * object is read the same way ({@link ArchiveObjects}: downloaded to a temporary file first, every page's
 * checksum checked).
 */
public final class ObjectCheck {

    private final ArchiveStore store;

    public ObjectCheck(ArchiveStore store) {
        this.store = store;
    }

    /** @return empty when the object is whole and holds what its metadata says */
    Optional<DamagedObject> check(ArchivedObject object, CheckProgress progress) {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(new CountedInput(store.get(object.key()), progress), sha256);
             RecordSource reader = ArchiveObjects.open(in, object.key())) {
            MakSummary records = reader.scan();
            // What follows the records (a compressed stream's trailer) is part of the object's bytes too.
            in.transferTo(OutputStream.nullOutputStream());
            List<String> disagreements = disagreements(object, reader.header(), records);
            // The catalog's entry carries the checksum; an entry written before entries did is asked of the object.
            object.sha256().or(() -> store.head(object.key()).map(held -> held.metadata().get(ObjectMetadata.SHA256)).filter(sum -> !sum.isBlank()))
                    .filter(sum -> !sum.equalsIgnoreCase(HexFormat.of().formatHex(sha256.digest())))
                    .ifPresent(sum -> disagreements.add("its bytes' SHA-256 is not the " + ObjectMetadata.SHA256 + " it was put with (" + sum + ")"));
            return disagreements.isEmpty() ? Optional.empty() : Optional.of(new DamagedObject(object,
                    "its records disagree with its metadata: " + String.join(", ", disagreements), false));
        } catch (NoSuchObjectException e) {
            return Optional.of(new DamagedObject(object, "missing from the archive", true));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new DamagedObject(object, readerMessage(object.key(), e), false));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static List<String> disagreements(ArchivedObject o, MakFileHeader header, MakSummary records) {
        List<String> found = new ArrayList<>();
        if (!header.topic().equals(o.topic()) || header.partition() != o.partition()) {
            found.add("its header says " + header.topic() + "/" + header.partition() + " (metadata " + o.topic() + "/" + o.partition() + ")");
        }
        compare(found, "record count", records.recordCount(), o.recordCount());
        compare(found, "first offset", records.firstOffset(), o.startOffset());
        compare(found, "last offset", records.lastOffset(), o.endOffset());
        compare(found, "min timestamp", records.minTimestamp(), o.minTimestamp());
        compare(found, "max timestamp", records.maxTimestamp(), o.maxTimestamp());
        return found;
    }

    private static void compare(List<String> found, String what, long inRecords, long inMetadata) {
        if (inRecords != inMetadata) {
            found.add(what + " " + inRecords + " (metadata " + inMetadata + ")");
        }
    }

    /** The reader's own message, without the key it starts with: the report names the object already. */
    private static String readerMessage(String key, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof MakFormatException && message.startsWith(key + ": ")) {
            return message.substring(key.length() + 2);
        }
        return e instanceof MakFormatException ? message : "unreadable: " + message;
    }

    /** Counts the object's bytes as they arrive, for the progress line. */
    private static final class CountedInput extends FilterInputStream {

        private final CheckProgress progress;

        CountedInput(InputStream in, CheckProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.read(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                progress.read(n);
            }
            return n;
        }
    }
}
