package io.kafkaarchiver.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.archive.KilledAndRestarted;
import io.kafkaarchiver.cli.CheckIT;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.Azurite;
import io.kafkaarchiver.testkit.StoreUnderTest;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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

    @Test
    void aMissingContainerAndAWrongKeyAreEachOneLineNamingTheSettingAndExit2(TestEnv env) throws Exception {
        Azurite azurite = azurite();
        String container = "archive-" + env.prefix();
        azurite.createContainer(container);
        String topic = env.topic("refused");
        env.kafka().createTopic(topic, 1);
        String at = " at " + azurite.endpoint();

        CheckIT.assertNamedByCheckAndRun(env, home, "no-container", settings(env, topic, azurite.settings("no-such-container")),
                "azure.container: container no-such-container" + at + ": ContainerNotFound");
        Map<String, String> wrongKey = new HashMap<>(azurite.settings(container));
        wrongKey.put("azure.connection-string", azurite.connectionString().replace(Azurite.KEY, Base64.getEncoder().encodeToString(new byte[64])));
        CheckIT.assertNamedByCheckAndRun(env, home, "wrong-key", settings(env, topic, wrongKey),
                "azure.connection-string: container " + container + at + " refused the key or SAS of azure.connection-string");
    }

    private Properties settings(TestEnv env, String topic, Map<String, String> store) throws Exception {
        Properties p = ArchiverIT.settings(env, home, "archive.topics", topic);
        store.forEach(p::setProperty);
        return p;
    }

    /** Azurite, started for the first test that needs it. */
    private static synchronized Azurite azurite() throws Exception {
        if (azurite == null) {
            azurite = Azurite.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "azurite-"));
        }
        return azurite;
    }

    @AfterAll
    static void stopAzurite() throws InterruptedException {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void killedAndRestartedItArchivesEveryOffsetOnceAndTheCommandsReadItBack(TestEnv env) throws Exception {
        Azurite azurite = azurite();
        String container = "archive-" + env.prefix();
        azurite.createContainer(container);
        ArchiveStore store = AzureBlobStore.open(azurite.container(container, TestEnv.PART_SIZE));

        String topic = env.topic("in-blobs");
        KilledAndRestarted.run(env, home, topic, new StoreUnderTest(store, "container " + container, azurite.settings(container)));

        assertThat(store.list(topic + "/", false, Optional.empty()).objects()).as("the objects, as block blobs at their keys")
                .anyMatch(blob -> blob.key().endsWith(".mak.gz"));
    }
}
