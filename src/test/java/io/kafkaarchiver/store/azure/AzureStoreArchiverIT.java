package io.kafkaarchiver.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.archive.KilledAndRestarted;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.Azurite;
import io.kafkaarchiver.testkit.StoreUnderTest;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver on Azure Blob Storage ({@code archive.store = azure}, on Azurite), as a user runs it: killed with -9
 * mid-run and started again, every offset lands once in a block blob of the container; then {@code ls},
 * {@code verify} and {@code restore} read it back. Skipped where npm is missing to install Azurite.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class AzureStoreArchiverIT {

    private static Azurite azurite;

    @TempDir
    Path home;

    @AfterAll
    static void stopAzurite() throws InterruptedException {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void killedAndRestartedItArchivesEveryOffsetOnceAndTheCommandsReadItBack(TestEnv env) throws Exception {
        azurite = Azurite.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "azurite-"));
        String container = "archive-" + env.prefix();
        azurite.createContainer(container);
        ArchiveStore store = AzureBlobStore.open(azurite.container(container, TestEnv.PART_SIZE));

        String topic = env.topic("in-blobs");
        KilledAndRestarted.run(env, home, topic, new StoreUnderTest(store, "container " + container, azurite.settings(container)));

        assertThat(store.list(topic + "/", false, Optional.empty()).objects()).as("the objects, as block blobs at their keys")
                .anyMatch(blob -> blob.key().endsWith(".mak.gz"));
    }
}
