package io.kafkaarchiver.restore;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordSource;
import io.kafkaarchiver.parquet.ArchiveObjects;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One partition's archived records in offset order, each offset once, inside a window: streamed from
 * its objects one at a time, so memory does not grow with their size. Made by {@link ArchiveReader#records}.
 */
public final class ArchiveRecords implements Closeable {

    /** Opens an object's bytes (from S3, or anywhere a test keeps them). */
    interface ObjectSource {
        InputStream open(ArchivedObject object) throws IOException;
    }

    private final List<ArchivedObject> objects;
    private final RestoreWindow window;
    private final ObjectSource source;
    private int nextObject;
    private ArchivedObject current;
    private RecordSource reader;
    private long lastOffset;

    /** @param fromOffset the first offset wanted (a checkpoint's next offset, or the window's start) */
    ArchiveRecords(List<ArchivedObject> objects, RestoreWindow window, long fromOffset, ObjectSource source) {
        this.objects = objects;
        this.window = window;
        this.source = source;
        this.lastOffset = Math.max(window.fromOffset(), fromOffset) - 1;
    }

    /** @return the next record to restore, or null after the last one */
    public MakRecord next() throws IOException {
        while (true) {
            if (reader == null && !openNextObject()) {
                return null;
            }
            MakRecord r = reader.next();
            if (r == null || r.offset() > window.toOffset()) {
                closeObject();
            } else if (r.offset() > lastOffset) {
                lastOffset = r.offset();
                if (window.includes(r)) {
                    return r;
                }
            }
        }
    }

    private boolean openNextObject() throws IOException {
        while (nextObject < objects.size()) {
            ArchivedObject o = objects.get(nextObject++);
            if (o.endOffset() > lastOffset && o.startOffset() <= window.toOffset()) {
                current = o;
                InputStream in = source.open(o);
                try {
                    // MAK or Parquet, as the object's first bytes say.
                    reader = ArchiveObjects.open(in, o.key());
                } catch (IOException | RuntimeException e) {
                    in.close();
                    throw e;
                }
                return true;
            }
        }
        return false;
    }

    private void closeObject() throws IOException {
        RecordSource open = reader;
        reader = null;
        open.close();
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            closeObject();
        }
    }
}
