package io.kafkaarchiver.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offset map keeps, across restarts, exactly the lines its checkpoints cover. */
class OffsetMapTest {

    @TempDir
    Path dir;

    @Test
    void aNewMapStartsWithItsHeader() throws IOException {
        Path file = dir.resolve("sub/map.csv");
        try (OffsetMap map = OffsetMap.open(file, Map.of())) {
            map.add(0, 5, 0, 0);
            map.flush();
        }
        assertThat(Files.readAllLines(file)).containsExactly(OffsetMap.HEADER, "0,5,0,0");
    }

    @Test
    void onResumeLinesPastEachCheckpointAndOfPartitionsWithoutOneAreDropped() throws IOException {
        Path file = dir.resolve("map.csv");
        Files.write(file, List.of(OffsetMap.HEADER,
                "0,10,0,0", "0,11,0,1", "0,12,0,2",   // partition 0: checkpoint at 12, so 12 goes
                "1,7,1,100", "1,8,1,101",             // partition 1: checkpoint at 9, both stay
                "2,0,2,0",                            // partition 2: no checkpoint
                "1,9,1"));                            // torn by a kill
        try (OffsetMap map = OffsetMap.open(file, Map.of(0, 12L, 1, 9L))) {
            map.add(0, 12, 0, 2);
        }
        assertThat(Files.readAllLines(file)).containsExactly(OffsetMap.HEADER, "0,10,0,0", "0,11,0,1", "1,7,1,100", "1,8,1,101", "0,12,0,2");
    }

    @Test
    void aFileThatIsNotAnOffsetMapIsLeftAlone() throws IOException {
        Path file = dir.resolve("notes.csv");
        Files.write(file, List.of("name,phone", "ann,123"));
        assertThatThrownBy(() -> OffsetMap.open(file, Map.of())).isInstanceOf(RestoreException.class).hasMessageContaining("is not an offset map");
        assertThat(Files.readAllLines(file)).containsExactly("name,phone", "ann,123");
    }
}
