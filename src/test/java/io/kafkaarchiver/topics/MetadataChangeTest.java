package io.kafkaarchiver.topics;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What changed between two versions of a topic's metadata, as ls --topics and restore say it. */
class MetadataChangeTest {

    @Test
    void partitionsReplicationAndEachEntryAddedChangedOrRemoved() {
        TopicMetadata before = TopicMetadata.of(8, 3, Map.of("retention.ms", "86400000", "cleanup.policy", "delete", "segment.ms", "3600000"));
        TopicMetadata after = TopicMetadata.of(12, 3, Map.of("retention.ms", "604800000", "cleanup.policy", "delete", "min.insync.replicas", "2"));

        assertThat(MetadataChange.between(before, after)).extracting(MetadataChange::toString).containsExactly(
                "partitions 8 -> 12",
                "min.insync.replicas set to 2",
                "retention.ms 86400000 -> 604800000",
                "segment.ms unset (was 3600000)");
    }

    @Test
    void theSameMetadataHasNoChanges() {
        TopicMetadata m = TopicMetadata.of(4, 1, Map.of("retention.ms", "1000"));
        assertThat(MetadataChange.between(m, TopicMetadata.of(4, 1, Map.of("retention.ms", "1000")))).isEmpty();
    }
}
