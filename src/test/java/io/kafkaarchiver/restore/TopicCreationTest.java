package io.kafkaarchiver.restore;

import io.kafkaarchiver.topics.Snapshot;
import io.kafkaarchiver.topics.TopicMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing target topic is created as the archive recorded the source, with the user's overrides said. */
class TopicCreationTest {

    private static final Optional<Snapshot<TopicMetadata>> RECORDED = Optional.of(new Snapshot<>("orders", "kJ2x", Instant.parse("2026-11-23T10:15:30Z"),
            TopicMetadata.of(6, 3, Map.of("cleanup.policy", "delete", "retention.ms", "604800000", "min.insync.replicas", "2"))));

    @Test
    void asRecordedWhenNothingIsOverridden() {
        TopicCreation c = TopicCreation.of(RECORDED, 4, TopicOverrides.NONE);
        assertThat(c.partitions()).isEqualTo(6);
        assertThat(c.replicationFactor()).contains(3);
        assertThat(c.configs()).isEqualTo(RECORDED.get().content().configs());
        assertThat(c.shape()).isEqualTo("6 partitions, replication factor 3, configuration cleanup.policy=delete, min.insync.replicas=2, retention.ms=604800000");
        assertThat(c.origin("orders")).isEqualTo("as topic orders was at 2026-11-23T10:15:30Z (topic id kJ2x)");
    }

    @Test
    void overridesReplaceAddOrLeaveOutEntriesAndAreSaid() {
        TopicCreation c = TopicCreation.of(RECORDED, 4, TopicOverrides.of(1, Map.of("retention.ms", "3600000", "min.insync.replicas", "",
                "segment.ms", "60000")));
        assertThat(c.replicationFactor()).contains(1);
        assertThat(c.configs()).isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "3600000", "segment.ms", "60000"));
        assertThat(c.origin("orders")).endsWith("; overridden: replication factor 3 -> 1, min.insync.replicas unset (was 2), "
                + "retention.ms 604800000 -> 3600000, segment.ms set to 60000");
    }

    @Test
    void partitionsAddedSinceTheRecordAreCreatedToo() {
        TopicCreation c = TopicCreation.of(RECORDED, 8, TopicOverrides.NONE);
        assertThat(c.partitions()).isEqualTo(8);
        assertThat(c.origin("orders")).contains("with the 8 partitions the archive has");
    }

    @Test
    void withoutARecordAsManyPartitionsAsTheArchiveHasAndTheBrokersDefaults() {
        TopicCreation c = TopicCreation.of(Optional.empty(), 4, TopicOverrides.of(null, Map.of("retention.ms", "-1")));
        assertThat(c.shape()).isEqualTo("4 partitions, replication factor (the broker's default), configuration retention.ms=-1");
        assertThat(c.origin("orders")).startsWith("the archive holds no record of topic orders's configuration");
    }

    @Test
    void aBadOverrideIsABadRequest() {
        assertThatThrownBy(() -> TopicOverrides.of(0, Map.of())).isInstanceOf(RestoreException.class)
                .hasMessage("replication-factor 0 is not a replication factor (1 or more)");
        assertThatThrownBy(() -> GroupChoice.of(java.util.List.of("billing"), true)).hasMessageContaining("not both");
    }
}
