package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchivedObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ls} names the life of the topic each object is of, and lists a topic created again in a block per life. */
class ListingTextTest {

    private static final String FIRST = "kJ2x9Q3aRZm1sQnQ0c9f1w";
    private static final String SECOND = "Q4cTn0xXR8yq7d9bZbnTwg";

    @Test
    void aTopicCreatedAgainHasABlockPerLifeAndEachObjectItsTopicId() {
        String text = print(List.of(object("orders/0/00000000000000000000.mak.gz", FIRST), object("orders/" + SECOND + "/0/00000000000000000000.mak.gz", SECOND)));
        List<String> lines = text.lines().toList();
        assertThat(lines).contains("orders/0, topic id " + FIRST, "orders/0, topic id " + SECOND);
        assertThat(lines).anySatisfy(l -> assertThat(l.trim()).startsWith("orders/0/00000000000000000000.mak.gz ").endsWith(" " + FIRST));
        assertThat(lines).anySatisfy(l -> assertThat(l.trim()).startsWith("orders/" + SECOND + "/0/").endsWith(" " + SECOND));
    }

    @Test
    void aTopicWithOneLifeKeepsItsBlocksAsTheyWere() {
        String text = print(List.of(object("orders/0/00000000000000000000.mak.gz", FIRST)));
        assertThat(text.lines()).contains("orders/0");
    }

    private static ArchivedObject object(String key, String topicId) {
        return new ArchivedObject(key, "orders", 0, 0, 99, 100, 1_700_000_000_000L, 1_700_000_001_000L, "mak2", "gzip", 1000, Optional.of(topicId), Optional.empty());
    }

    private static String print(List<ArchivedObject> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ListingText(new PrintStream(out, true, StandardCharsets.UTF_8)).print("b", "from the manifest", objects);
        return out.toString(StandardCharsets.UTF_8);
    }
}
