package io.kafkaarchiver.restore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checkpoint's metadata: read back as written, small enough for Kafka, and recognised when it is another restore's. */
class RestoreCheckpointTest {

    private static final RestoreWindow WINDOW = RestoreWindow.of(5L, 900L, Instant.parse("2026-01-01T00:00:00Z"), null);

    @Test
    void metadataReadsBackAsWritten() {
        RestoreCheckpoint c = new RestoreCheckpoint(3, 1234, "archive-bucket", "orders", "kJ2x9Q3aRZm1sQnQ0c9f1w", 777, WINDOW);
        assertThat(RestoreCheckpoint.parse(3, 1234, c.metadata())).isEqualTo(c);
        RestoreCheckpoint all = RestoreCheckpoint.start(0, 0, "b", "t", "", RestoreWindow.ALL);
        assertThat(RestoreCheckpoint.parse(0, 0, all.metadata())).isEqualTo(all);
        assertThat(all.metadata()).isEqualTo("{\"bucket\":\"b\",\"source_topic\":\"t\",\"source_partition\":0,\"next_source_offset\":0,\"from_offset\":0}");
    }

    @Test
    void longestNamesStayUnderKafkasMetadataLimit() {
        String longest = "t".repeat(249);
        RestoreCheckpoint c = new RestoreCheckpoint(Integer.MAX_VALUE, Long.MAX_VALUE, "b".repeat(63), longest, "kJ2x9Q3aRZm1sQnQ0c9f1w", Long.MAX_VALUE,
                new RestoreWindow(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1));
        assertThat(c.metadata().getBytes(StandardCharsets.UTF_8).length).isLessThan(4096);
    }

    @Test
    void movesPastEachRestoredRecord() {
        RestoreCheckpoint c = RestoreCheckpoint.start(1, 40, "b", "orders", "", WINDOW).after(17, 40).after(19, 41);
        assertThat(c.nextSourceOffset()).isEqualTo(20);
        assertThat(c.targetOffset()).isEqualTo(42);
    }

    @Test
    void anotherTopicLifeArchiveOrWindowIsAnotherRestore() {
        RestoreCheckpoint c = RestoreCheckpoint.start(0, 0, "b", "orders", "kJ2x9Q3aRZm1sQnQ0c9f1w", WINDOW);
        assertThat(c.conflictWith("b", "orders", "kJ2x9Q3aRZm1sQnQ0c9f1w", WINDOW)).isEmpty();
        assertThat(c.conflictWith("b", "payments", "kJ2x9Q3aRZm1sQnQ0c9f1w", WINDOW)).hasValue("it restores topic orders of b");
        assertThat(c.conflictWith("other", "orders", "kJ2x9Q3aRZm1sQnQ0c9f1w", WINDOW)).hasValue("it restores topic orders of b");
        assertThat(c.conflictWith("b", "orders", "kJ2x9Q3aRZm1sQnQ0c9f1w", RestoreWindow.ALL)).get().asString()
                .startsWith("it restores offsets 5..900, times 2026-01-01");
        assertThat(c.conflictWith("b", "orders", "Q4cTn0xXR8yq7d9bZbnTwg", WINDOW)).as("another life of the topic")
                .hasValue("it restores topic orders with topic id kJ2x9Q3aRZm1sQnQ0c9f1w");
    }

    @Test
    void metadataSomeoneElseWroteIsNotACheckpoint() {
        for (String foreign : new String[] {null, "", "consumer-x", "{\"source_topic\":\"orders\"}", "[1,2]"}) {
            assertThatThrownBy(() -> RestoreCheckpoint.parse(0, 10, foreign)).as(foreign).isInstanceOf(IllegalArgumentException.class);
        }
        RestoreCheckpoint c = RestoreCheckpoint.start(1, 0, "b", "orders", "", WINDOW);
        assertThatThrownBy(() -> RestoreCheckpoint.parse(2, 0, c.metadata())).as("another partition's").isInstanceOf(IllegalArgumentException.class);
    }
}
