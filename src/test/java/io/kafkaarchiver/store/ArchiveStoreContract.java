package io.kafkaarchiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store of the archive must do, run against each of them (S3, Azure Blob Storage, a filesystem):
 * a subclass says how to open a store over an empty place of its own.
 */
public abstract class ArchiveStoreContract {

    /** A store over an empty bucket, container or directory, for one test; closed after it. */
    protected abstract ArchiveStore emptyStore() throws Exception;

    /** The size above which {@link ArchiveStore#put(String, Path, Map, Precondition)} goes in parts or blocks. */
    protected abstract long partSize();

    @TempDir
    protected Path temp;

    protected ArchiveStore store;

    @BeforeEach
    void open() throws Exception {
        store = emptyStore();
    }

    @AfterEach
    void close() {
        // None when emptyStore() failed or was skipped: that failure or skip is the one to report.
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aCreateOnlyPutRefusesASecondWriter() throws IOException {
        store.put("t/0-0.mak.gz", file("first"), Map.of("mak-writer", "a"), new Precondition.CreateOnly());

        assertThatThrownBy(() -> store.put("t/0-0.mak.gz", file("second"), Map.of("mak-writer", "b"), new Precondition.CreateOnly()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(read("t/0-0.mak.gz")).isEqualTo("first");
    }

    @Test
    void ofManyWritersRacingForAKeyExactlyOneWins() throws Exception {
        Path body = file("race");
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> puts = IntStream.range(0, 8).mapToObj(i -> writers.submit(() -> {
                try {
                    store.put("t/race", body, Map.of("mak-writer", Integer.toString(i)), new Precondition.CreateOnly());
                    return true;
                } catch (PreconditionFailedException lost) {
                    return false;
                }
            })).toList();
            long won = 0;
            for (Future<Boolean> put : puts) {
                won += put.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aReplacingPutNeedsTheVersionItSaw() throws IOException {
        StoredObject first = store.put("t/k", file("one"), Map.of(), new Precondition.CreateOnly());
        StoredObject second = store.put("t/k", file("two"), Map.of(), new Precondition.Replaces(first.versionTag()));

        assertThat(second.versionTag()).isNotEqualTo(first.versionTag());
        assertThatThrownBy(() -> store.put("t/k", file("three"), Map.of(), new Precondition.Replaces(first.versionTag())))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> store.put("t/gone", file("four"), Map.of(), new Precondition.Replaces(first.versionTag())))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(read("t/k")).isEqualTo("two");
        assertThat(store.head("t/k").orElseThrow().versionTag()).isEqualTo(second.versionTag());
    }

    @Test
    void metadataRoundTrips() throws IOException {
        Map<String, String> metadata = Map.of("mak-topic", "orders", "mak-start-offset", "0", "mak-sha256", "ab".repeat(32));
        store.put("orders/0-0.mak.gz", file("x".repeat(100)), metadata, new Precondition.CreateOnly());
        store.put("_manifest/entry.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of(), new Precondition.Overwrite());

        StoredObject held = store.head("orders/0-0.mak.gz").orElseThrow();
        assertThat(held.key()).isEqualTo("orders/0-0.mak.gz");
        assertThat(held.size()).isEqualTo(100);
        assertThat(held.metadata()).containsAllEntriesOf(metadata);
        assertThat(store.head("orders/none")).isEmpty();
        assertThat(store.getBytes("_manifest/entry.json")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.listAll("orders/")).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("orders/0-0.mak.gz");
            assertThat(o.size()).isEqualTo(100);
        });
    }

    @Test
    void listingPagesPastAThousandObjects() throws Exception {
        Path body = file("o");
        int count = 1_203;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<StoredObject>> puts = IntStream.range(0, count).mapToObj(i -> String.format("many/%05d", i))
                    .map(key -> pool.submit(() -> store.put(key, body, Map.of(), new Precondition.CreateOnly()))).toList();
            for (Future<StoredObject> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        store.put("other/x", body, Map.of(), new Precondition.CreateOnly());

        StorePage first = store.list("many/", false, Optional.empty());
        assertThat(first.objects()).hasSizeLessThan(count);
        assertThat(first.next()).isPresent();
        List<String> keys = store.listAll("many/").stream().map(StoredObject::key).toList();
        assertThat(keys).hasSize(count).isSorted().doesNotHaveDuplicates().allMatch(k -> k.startsWith("many/"));
    }

    @Test
    void foldersAreTheNamesBelowAPrefix() throws IOException {
        Path body = file("o");
        for (String key : List.of("a/1/x", "a/1/y", "a/2/x", "a/z", "b/1/x")) {
            store.put(key, body, Map.of(), new Precondition.CreateOnly());
        }
        assertThat(store.folders("a/")).containsExactly("a/1/", "a/2/");
        assertThat(store.folders("")).containsExactly("a/", "b/");
    }

    @Test
    void aRangeReadGivesThoseBytes() throws IOException {
        byte[] bytes = new byte[10_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(temp.resolve("range"), bytes);
        store.put("t/range", file, Map.of(), new Precondition.CreateOnly());

        try (InputStream in = store.getRange("t/range", 1_000, 500)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1_000, 1_500));
        }
        try (InputStream in = store.getRange("t/range", 9_900, 500)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 9_900, 10_000));
        }
        assertThatThrownBy(() -> store.get("t/none").close()).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void aLargeObjectGoesInPartsAndComesBackWhole() throws IOException {
        byte[] bytes = new byte[(int) (partSize() * 3 + 12_345)];
        new Random(11).nextBytes(bytes);
        Path file = Files.write(temp.resolve("large"), bytes);
        Map<String, String> metadata = Map.of("mak-record-count", "42");

        store.put("t/large", file, metadata, new Precondition.CreateOnly());

        StoredObject held = store.head("t/large").orElseThrow();
        assertThat(held.size()).isEqualTo(bytes.length);
        assertThat(held.metadata()).containsAllEntriesOf(metadata);
        assertThat(store.getBytes("t/large")).isEqualTo(bytes);
        assertThatThrownBy(() -> store.put("t/large", file, metadata, new Precondition.CreateOnly()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.listAll("t/")).extracting(StoredObject::key).containsExactly("t/large");
    }

    @Test
    void aDeletedObjectIsGoneAndDeletingNothingIsNoError() throws IOException {
        store.put("t/probe", file("p"), Map.of(), new Precondition.CreateOnly());
        store.delete("t/probe");
        store.delete("t/probe");
        assertThat(store.head("t/probe")).isEmpty();
        assertThat(store.listAll("t/")).isEmpty();
    }

    private Path file(String content) throws IOException {
        return Files.writeString(Files.createTempFile(temp, "body", ""), content);
    }

    private String read(String key) {
        return new String(store.getBytes(key), StandardCharsets.UTF_8);
    }
}
