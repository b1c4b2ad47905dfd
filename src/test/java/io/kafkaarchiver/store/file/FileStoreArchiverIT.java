package io.kafkaarchiver.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.archive.KilledAndRestarted;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.StoreUnderTest;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver on the filesystem store ({@code archive.store = file}), as a user runs it: killed with -9 mid-run and
 * started again, every offset lands once in a plain file under {@code file.root}; then {@code ls}, {@code verify}
 * and {@code restore} read it back.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class FileStoreArchiverIT {

    @TempDir
    Path home;

    @Test
    void killedAndRestartedItArchivesEveryOffsetOnceAndTheCommandsReadItBack(TestEnv env) throws Exception {
        String topic = env.topic("on-disk");
        Path root = Files.createDirectories(home.resolve("archive")).toAbsolutePath();

        KilledAndRestarted.run(env, home, topic, new StoreUnderTest(FileStore.open(root), "directory " + root,
                Map.of("archive.store", "file", "file.root", root.toString())));

        try (Stream<Path> files = Files.walk(root.resolve(topic))) {
            assertThat(files.filter(Files::isRegularFile)).as("the objects, as plain files at their keys").isNotEmpty()
                    .allMatch(f -> f.getFileName().toString().endsWith(".mak.gz"));
        }
    }
}
