package io.kafkaarchiver.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.ArchiveStoreContract;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StoreRefusal;
import io.kafkaarchiver.store.StoredObject;
import io.kafkaarchiver.testkit.Azurite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on Azurite, a container per test, and what is Azure's own: metadata names as Azure keeps
 * them, racing writers of blobs in blocks, and refusals that name the setting to fix.
 */
class AzureBlobStoreIT extends ArchiveStoreContract {

    private static final long BLOCK_SIZE = 256 << 10;
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private static Azurite azurite;

    @TempDir
    Path files;

    private String container;

    @AfterAll
    static void stopAzurite() throws InterruptedException {
        if (azurite != null) {
            azurite.close();
        }
    }

    /** Started by the first test, in each test rather than once before all, so that where npm is missing each is skipped and says why. */
    @Override
    protected ArchiveStore emptyStore() throws Exception {
        if (azurite == null) {
            azurite = Azurite.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "azurite-"));
        }
        container = "c" + CONTAINERS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        azurite.createContainer(container);
        return AzureBlobStore.open(settings(container));
    }

    @Override
    protected long partSize() {
        return BLOCK_SIZE;
    }

    @Test
    void metadataIsKeptUnderAzureNamesAndReadUnderTheArchivesOwn() throws Exception {
        Map<String, String> metadata = Map.of("mak-topic", "orders", "mak-record-count", "42");
        store.put("orders/0-0.mak.gz", Files.writeString(files.resolve("o"), "o"), metadata, new Precondition.CreateOnly());

        BlobContainerClient raw = new BlobContainerClientBuilder()
                .connectionString(azurite.connectionString()).containerName(container).buildClient();
        assertThat(raw.getBlobClient("orders/0-0.mak.gz").getProperties().getMetadata())
                .containsOnlyKeys("mak_topic", "mak_record_count");
        assertThat(store.head("orders/0-0.mak.gz").orElseThrow().metadata()).isEqualTo(metadata);
        assertThat(store.listAll("orders/")).singleElement().extracting(StoredObject::metadata).isEqualTo(metadata);
    }

    @Test
    void ofWritersRacingWithObjectsInBlocksOneWinsWhole() throws Exception {
        List<Path> bodies = IntStream.range(0, 4).mapToObj(i -> body(i, (int) (BLOCK_SIZE * 3 + 7))).toList();
        ExecutorService writers = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<Boolean>> puts = bodies.stream().map(body -> writers.submit(() -> {
                try {
                    store.put("t/race", body, Map.of(), new Precondition.CreateOnly());
                    return true;
                } catch (PreconditionFailedException lost) {
                    return false;
                }
            })).toList();
            int winner = -1;
            for (int i = 0; i < puts.size(); i++) {
                if (puts.get(i).get()) {
                    assertThat(winner).as("a second writer won").isEqualTo(-1);
                    winner = i;
                }
            }
            assertThat(winner).as("no writer won").isNotEqualTo(-1);
            assertThat(store.getBytes("t/race")).isEqualTo(Files.readAllBytes(bodies.get(winner)));
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aContainerThatDoesNotExistIsARefusalNamingAzureContainer() throws Exception {
        try (ArchiveStore missing = AzureBlobStore.open(settings("no-such-container"))) {
            Throwable head = catchThrowable(() -> missing.head("t/k"));
            Throwable put = catchThrowable(() -> missing.put("t/k", Files.writeString(files.resolve("k"), "k"), Map.of(),
                    new Precondition.CreateOnly()));

            for (Throwable failure : List.of(head, put)) {
                assertThat(missing.refusal(failure)).get().extracting(StoreRefusal::setting).isEqualTo("azure.container");
            }
            assertThat(missing.refusal(head).orElseThrow().message()).contains("no-such-container", "ContainerNotFound");
        }
    }

    @Test
    void aWrongKeyIsARefusalNamingTheConnectionString() throws Exception {
        String otherKey = Base64.getEncoder().encodeToString(new byte[64]);
        AzureContainer wrongKey = new AzureContainer("", container, azurite.connectionString().replace(Azurite.KEY, otherKey), null, BLOCK_SIZE);
        try (ArchiveStore refused = AzureBlobStore.open(wrongKey)) {
            Throwable failure = catchThrowable(() -> refused.put("t/k", Files.writeString(files.resolve("k"), "k"), Map.of(),
                    new Precondition.CreateOnly()));

            StoreRefusal refusal = refused.refusal(failure).orElseThrow();
            assertThat(refusal.setting()).isEqualTo("azure.connection-string");
            assertThat(refusal.message()).contains("refused the key or SAS of azure.connection-string").doesNotContain(otherKey);
        }
        assertThat(store.head("t/k")).isEmpty();
    }

    @Test
    void aLostRaceIsNoRefusal() throws Exception {
        Path body = Files.writeString(files.resolve("r"), "r");
        store.put("t/k", body, Map.of(), new Precondition.CreateOnly());

        Throwable lost = catchThrowable(() -> store.put("t/k", body, Map.of(), new Precondition.CreateOnly()));

        assertThat(lost).isInstanceOf(PreconditionFailedException.class);
        assertThat(store.refusal(lost)).isEmpty();
    }

    private static AzureContainer settings(String container) {
        return azurite.container(container, BLOCK_SIZE);
    }

    private Path body(int seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try {
            return Files.write(files.resolve("body-" + seed), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
