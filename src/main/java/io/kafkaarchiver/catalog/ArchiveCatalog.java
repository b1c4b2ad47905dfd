package io.kafkaarchiver.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.NoSuchObjectException;
import io.kafkaarchiver.store.StoredObject;

/**
 * What the archive holds, per object: from the manifest when the bucket has one for the topic, else
 * by listing the bucket and reading each object's metadata. Nothing is downloaded but the small
 * manifest entries. Entries or objects that cannot be read are reported, never silently skipped.
 * Each object is given the life of its topic it belongs to: the one it names, or, for an object
 * archived before the archiver knew topic ids, the topic's first life as recorded ({@link TopicLives}).
 */
public final class ArchiveCatalog {

    /** Where a listing came from. */
    public enum Source { MANIFEST, LISTING }

    /** The archive's objects in topic, life (as recorded), partition and offset order, and what could not be read. */
    public record Contents(Source source, List<ArchivedObject> objects, List<String> problems) {

        /** Records in all the objects, as their metadata counts them. */
        public long recordCount() {
            return objects.stream().mapToLong(ArchivedObject::recordCount).sum();
        }
    }

    private final Comparator<ArchivedObject> order = Comparator.comparing(ArchivedObject::topic)
            .thenComparingInt(this::lifeRank).thenComparing(o -> o.topicId().orElse(""))
            .thenComparingInt(ArchivedObject::partition).thenComparingLong(ArchivedObject::startOffset)
            .thenComparingLong(ArchivedObject::endOffset).thenComparing(ArchivedObject::key);
    private static final int PARALLEL_READS = 8;

    private final ArchiveStore store;
    private final Manifest manifest;
    private final TopicLives lives;
    private final Map<String, List<TopicLives.RecordedLife>> livesRead = new ConcurrentHashMap<>();

    public ArchiveCatalog(ArchiveStore store, Manifest manifest) {
        this.store = store;
        this.manifest = manifest;
        this.lives = new TopicLives(store, manifest);
    }

    /** Where the archive is, as messages name it ({@link ArchiveStore#describe()}). */
    public String describe() {
        return store.describe();
    }

    /**
     * @param topic       one topic, or every topic when empty
     * @param useManifest false to list the bucket even where a manifest exists
     */
    public Contents list(Optional<String> topic, boolean useManifest) {
        if (useManifest) {
            List<StoredObject> entries = manifest.entries(topic);
            if (!entries.isEmpty()) {
                return fromManifest(entries);
            }
        }
        return fromListing(topic);
    }

    /** The lives of {@code topic} the archive recorded, the first first; none for a topic archived before lives were recorded. */
    public List<TopicLives.RecordedLife> lives(String topic) {
        return livesRead.computeIfAbsent(topic, lives::of);
    }

    /** True when the manifest has entries for {@code topic}: a check that reads no object's metadata. */
    public boolean inManifest(String topic) {
        return !manifest.entries(Optional.of(topic)).isEmpty();
    }

    private Contents fromManifest(List<StoredObject> entries) {
        List<String> problems = new ArrayList<>();
        List<ArchivedObject> read = readAll(entries, e -> Optional.of(manifest.read(e.key())), problems);
        // An object replaced by a bigger one under the same key has two entries: the bigger is current.
        Map<String, ArchivedObject> current = new LinkedHashMap<>();
        for (ArchivedObject o : read) {
            current.merge(o.key(), o, (a, b) -> a.endOffset() >= b.endOffset() ? a : b);
        }
        return new Contents(Source.MANIFEST, current.values().stream().map(this::ofItsLife).sorted(order).toList(), problems);
    }

    private Contents fromListing(Optional<String> topic) {
        List<StoredObject> listed = store.listAll("").stream()
                .filter(o -> !manifest.isEntryKey(o.key()))
                .toList();
        List<String> problems = new ArrayList<>();
        List<ArchivedObject> objects = readAll(listed, o -> store.head(o.key())
                .flatMap(held -> ArchivedObject.fromMetadata(held.key(), held.size(), held.metadata())), problems);
        return new Contents(Source.LISTING, objects.stream()
                .filter(o -> topic.map(o.topic()::equals).orElse(true))
                .map(this::ofItsLife).sorted(order).toList(), problems);
    }

    /** The object, named with the life it belongs to: an object without an id is of its topic's first life, where one is recorded. */
    private ArchivedObject ofItsLife(ArchivedObject o) {
        if (o.topicId().isPresent()) {
            return o;
        }
        List<TopicLives.RecordedLife> recorded = lives(o.topic());
        return recorded.isEmpty() ? o : o.withTopicId(recorded.get(0).topicId());
    }

    /** Where the object's life comes among its topic's lives as recorded; those not recorded come last. */
    private int lifeRank(ArchivedObject o) {
        List<String> ids = lives(o.topic()).stream().map(TopicLives.RecordedLife::topicId).toList();
        int rank = o.topicId().map(ids::indexOf).orElse(-1);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }

    /** Reads many small things at once; what fails is described in {@code problems}. */
    private static List<ArchivedObject> readAll(List<StoredObject> sources, Function<StoredObject, Optional<ArchivedObject>> reader,
                                                List<String> problems) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_READS);
        try {
            List<Future<Optional<ArchivedObject>>> reads = sources.stream().map(s -> pool.submit(() -> reader.apply(s))).toList();
            List<ArchivedObject> objects = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                try {
                    reads.get(i).get().ifPresent(objects::add);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof NoSuchObjectException)) {
                        // Deleted between the listing and the read is not a problem; anything else is.
                        problems.add(sources.get(i).key() + ": " + describe(e.getCause()));
                    }
                }
            }
            return objects;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the archive's catalog", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
