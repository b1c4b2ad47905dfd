package io.kafkaarchiver.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.ArchiveStoreContract;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StoreRefusal;
import io.kafkaarchiver.store.StoredObject;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a directory, and what a directory adds: plain files, hidden bookkeeping, a crash's leftovers. */
class FileStoreTest extends ArchiveStoreContract {

    @TempDir
    Path root;

    @Override
    protected ArchiveStore emptyStore() {
        return FileStore.open(root);
    }

    @Override
    protected long partSize() {
        // A directory takes a large object whole: the contract's large object is put as any other.
        return 64 * 1024;
    }

    @Test
    void anObjectIsAPlainFileAtItsKeyAndTheStoresOwnFilesAreNeverListed() throws IOException {
        store.put("orders/0/00000000000000000000.mak.gz", "MAK".getBytes(StandardCharsets.UTF_8), "application/gzip",
                Map.of("mak-topic", "orders"), new Precondition.CreateOnly());

        assertThat(root.resolve("orders/0/00000000000000000000.mak.gz")).hasContent("MAK");
        assertThat(store.listAll("")).extracting(StoredObject::key).containsExactly("orders/0/00000000000000000000.mak.gz");
        assertThat(store.folders("")).containsExactly("orders/");
    }

    @Test
    void aPutThatDidNotFinishLeavesNothingListedAndItsTemporaryFileIsRemovedLater() throws IOException {
        // What a process killed while it wrote an object leaves behind: a temporary file, never linked under its key.
        Path left = Files.writeString(root.resolve(FileLayout.OWN).resolve("tmp").resolve("killed.tmp"), "half an obj");
        Path recent = Files.writeString(root.resolve(FileLayout.OWN).resolve("tmp").resolve("under-way.tmp"), "another's put");
        Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(FileStore.ABANDONED_AFTER).minusSeconds(60)));

        assertThat(store.listAll("")).isEmpty();
        assertThat(store.folders("")).isEmpty();

        try (ArchiveStore reopened = FileStore.open(root)) {
            assertThat(left).doesNotExist();
            assertThat(recent).as("a put under way in another process is left alone").exists();
            assertThat(reopened.listAll("")).isEmpty();
        }
    }

    @Test
    void aStoreInAnotherJvmsPlaceSeesTheSameWinner() throws IOException {
        // Two stores on one directory (two archivers on one mount, during a hand-off): one writer wins a key.
        try (ArchiveStore other = FileStore.open(root)) {
            StoredObject first = store.put("t/k", "one".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), new Precondition.CreateOnly());
            assertThatThrownBy(() -> other.put("t/k", "two".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), new Precondition.CreateOnly()))
                    .isInstanceOf(PreconditionFailedException.class);
            other.put("t/k", "three".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), new Precondition.Replaces(first.versionTag()));
            assertThat(store.getBytes("t/k")).asString(StandardCharsets.UTF_8).isEqualTo("three");
        }
    }

    @Test
    void aFileCopiedInByHandIsAnObjectWithoutMetadata() throws IOException {
        Files.createDirectories(root.resolve("copied"));
        Files.writeString(root.resolve("copied/x.mak"), "MAK!");

        Optional<StoredObject> held = store.head("copied/x.mak");
        assertThat(held).get().satisfies(o -> {
            assertThat(o.size()).isEqualTo(4);
            assertThat(o.metadata()).isEmpty();
        });
        assertThatThrownBy(() -> store.put("copied/x.mak", "new".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), new Precondition.CreateOnly()))
                .isInstanceOf(PreconditionFailedException.class);
        store.put("copied/x.mak", "new".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of("mak-topic", "t"),
                new Precondition.Replaces(held.get().versionTag()));
        assertThat(store.head("copied/x.mak")).get().extracting(StoredObject::metadata).isEqualTo(Map.of("mak-topic", "t"));
    }

    @Test
    void aKeyOutsideTheRootOrInTheStoresOwnFolderIsRefused() {
        for (String key : new String[] {"../escape", "a/../../b", "/absolute", FileLayout.OWN + "/meta/x"}) {
            assertThatThrownBy(() -> store.put(key, new byte[0], "text/plain", Map.of(), new Precondition.Overwrite()))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aWriteThePermissionsRefuseNamesTheRoot() {
        // Refused by the directory's mode (as root, which no mode stops, the refusal is made here, as the JDK reports it).
        RuntimeException refused = new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(root.resolve("t").toString()));

        assertThat(store.refusal(refused)).get().satisfies(r -> {
            assertThat(r.setting()).isEqualTo("file.root");
            assertThat(r.message()).startsWith("directory " + root.toAbsolutePath() + ": not allowed to write ");
        });
        assertThat(store.refusal(new java.io.UncheckedIOException(new IOException("Input/output error")))).as("may pass").isEmpty();
    }

    @Test
    void anObjectTheDiskHasNoRoomForIsARefusalNamingTheRootAndGoesInOnceThereIsRoom() throws IOException {
        // A disk of 64 blocks of 8 KB, half of it taken.
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(8192).setMaxSize(64 * 8192).build())) {
            Path filler = Files.write(disk.getPath("/filler"), new byte[32 * 8192]);
            ArchiveStore small = FileStore.open(Files.createDirectories(disk.getPath("/archive")));
            Path tooLarge = Files.write(root.resolve("too-large"), new byte[40 * 8192]);
            // Fits to its last byte, but leaves no block for its metadata: the write fails part-way.
            Path exactFit = Files.write(root.resolve("exact-fit"), new byte[32 * 8192]);

            for (Path object : List.of(exactFit, tooLarge)) {
                RuntimeException refused = catchRuntimeException(
                        () -> small.put("t/" + object.getFileName(), object, Map.of(), new Precondition.CreateOnly()));

                assertThat(small.refusal(refused)).as(object.getFileName().toString()).get().satisfies(r -> {
                    assertThat(r.setting()).isEqualTo("file.root");
                    assertThat(r.message()).startsWith("the disk of directory /archive is full: ")
                            .contains("an object of " + String.format(Locale.ROOT, "%,d", Files.size(object)) + " bytes does not fit");
                });
            }
            assertThat(small.list("t/", false, Optional.empty()).objects()).as("nothing half-written is listed").isEmpty();
            try (var temps = Files.list(disk.getPath("/archive", FileLayout.OWN, "tmp"))) {
                assertThat(temps).as("no temporary file is left").isEmpty();
            }

            // The store's probe, a few bytes, is refused too while the objects waiting would not fit.
            RuntimeException probe = catchRuntimeException(
                    () -> small.put("probe", new byte[100], "text/plain", Map.of(), new Precondition.Overwrite()));
            assertThat(small.refusal(probe)).get().extracting(StoreRefusal::message).asString()
                    .contains("an object of " + String.format(Locale.ROOT, "%,d", Files.size(tooLarge)) + " bytes does not fit");

            Files.delete(filler);
            small.put("probe", new byte[100], "text/plain", Map.of(), new Precondition.Overwrite());
            small.put("t/exact-fit", exactFit, Map.of(), new Precondition.CreateOnly());
            assertThat(small.head("t/exact-fit")).get().extracting(StoredObject::size).isEqualTo(32L * 8192);
        }
    }

    @Test
    void aShareUnmountedUnderTheStoreIsARefusalNamingTheRootAndNothingIsWrittenToTheMountPoint(@TempDir Path work) throws IOException {
        store.put("t/0/a", "a".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of(), new Precondition.CreateOnly());
        Path object = Files.write(work.resolve("object"), new byte[10]);
        // What an unmount leaves: the mount point, an empty folder.
        try (var tree = Files.walk(root)) {
            tree.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
        }

        RuntimeException refused = catchRuntimeException(() -> store.put("t/0/b", object, Map.of(), new Precondition.CreateOnly()));

        assertThat(store.refusal(refused)).get().satisfies(r -> {
            assertThat(r.setting()).isEqualTo("file.root");
            assertThat(r.message()).isEqualTo("directory " + root.toAbsolutePath() + " has lost the archive's own folder .kafka-archiver"
                    + " (a share no longer mounted there?): nothing is written there until it is back; mount it again, or restart the"
                    + " archiver to begin an archive there");
        });
        try (var left = Files.list(root)) {
            assertThat(left).as("the mount point stays empty").isEmpty();
        }
    }
}
