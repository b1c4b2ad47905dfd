package io.kafkaarchiver.topics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where snapshots go, and which one is in force at a time. */
class SnapshotKeysTest {

    private final SnapshotKeys keys = new SnapshotKeys("_manifest-topics");

    private String key(String time, String topicId) {
        return keys.key(SnapshotKind.GROUPS, new Snapshot<>("orders", topicId, Instant.parse(time), CommittedOffsets.NONE));
    }

    @Test
    void aKeyNamesTheTopicTheKindTheDayTheTimeAndTheTopicsLife() {
        String key = key("2026-11-23T10:15:30.123Z", "kJ2x9Q3aRZm1sQnQ0c9f1w");
        assertThat(key).isEqualTo("_manifest-topics/orders/groups/2026-11-23/20261123T101530.123Z-kJ2x9Q3aRZm1sQnQ0c9f1w.json");
        assertThat(SnapshotKeys.readAt(key)).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        // A later life of the topic read at the same time keeps an object of its own.
        assertThat(key("2026-11-23T10:15:30.123Z", "Zz9Q0c9f1wkJ2x9Q3aRZm1")).isNotEqualTo(key);
    }

    @Test
    void theSnapshotInForceIsTheLatestReadAtOrBeforeTheTime() {
        String early = key("2026-11-23T10:00:00Z", "a");
        String onTime = key("2026-11-23T11:00:00Z", "a");
        String late = key("2026-11-23T12:00:00Z", "a");
        List<String> stored = List.of(late, early, onTime, "_manifest-topics/orders/groups/2026-11-23/notes.txt");

        assertThat(SnapshotKeys.latestAtOrBefore(stored, Instant.parse("2026-11-23T11:00:00Z"))).contains(onTime);
        assertThat(SnapshotKeys.latestAtOrBefore(stored, Instant.parse("2026-11-23T11:59:59.999Z"))).contains(onTime);
        assertThat(SnapshotKeys.latestAtOrBefore(stored, Instant.parse("2026-11-24T00:00:00Z"))).contains(late);
        assertThat(SnapshotKeys.latestAtOrBefore(stored, Instant.parse("2026-11-23T09:59:59Z"))).isEmpty();
    }

    @Test
    void onlyTheDaysUpToTheTimeAreSearchedLatestFirst() {
        String folder = keys.folder("orders", SnapshotKind.GROUPS);
        List<String> days = List.of(folder + "2026-11-21/", folder + "2026-11-23/", folder + "2026-11-25/", folder + "2026-11-22/");
        String dayOfTime = keys.dayFolder("orders", SnapshotKind.GROUPS, Instant.parse("2026-11-23T08:00:00Z"));

        assertThat(SnapshotKeys.daysAtOrBefore(days, dayOfTime))
                .containsExactly(folder + "2026-11-23/", folder + "2026-11-22/", folder + "2026-11-21/");
    }

    @Test
    void aKeyThatIsNotASnapshotsIsNamed() {
        assertThatThrownBy(() -> SnapshotKeys.readAt("_manifest-topics/orders/groups/2026-11-23/x.json"))
                .hasMessage("_manifest-topics/orders/groups/2026-11-23/x.json is not the key of a snapshot (<time>-<topic id>.json)");
    }

    @Test
    void snapshotsReadBackAsWritten() {
        Snapshot<TopicMetadata> metadata = new Snapshot<>("orders", "id1", Instant.parse("2026-11-23T10:15:30.123Z"),
                TopicMetadata.of(12, 3, Map.of("retention.ms", "604800000", "cleanup.policy", "compact,delete")));
        assertThat(SnapshotKind.METADATA.fromJson("k", SnapshotKind.METADATA.toJson(metadata).toString().getBytes())).isEqualTo(metadata);

        Snapshot<CommittedOffsets> groups = new Snapshot<>("orders", "id1", Instant.parse("2026-11-23T10:15:30.123Z"),
                CommittedOffsets.of(Map.of("billing", Map.of(0, new CommittedOffsets.Committed(150, ""), 3, new CommittedOffsets.Committed(7, "AQ==")))));
        String json = SnapshotKind.GROUPS.toJson(groups).toString();
        assertThat(json).contains("\"groups\":{\"billing\":[{\"partition\":0,\"offset\":150},{\"partition\":3,\"offset\":7,\"metadata\":\"AQ==\"}]}");
        assertThat(SnapshotKind.GROUPS.fromJson("k", json.getBytes())).isEqualTo(groups);
    }

    @Test
    void aDamagedSnapshotIsNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> SnapshotKind.METADATA.fromJson("k1", "{\"snapshot_version\":1,\"topic\":\"t\"}".getBytes()))
                .hasMessage("snapshot k1 lacks \"topic_id\"");
        assertThatThrownBy(() -> SnapshotKind.METADATA.fromJson("k2", "{\"snapshot_version\":2}".getBytes()))
                .hasMessage("snapshot k2 has snapshot_version 2; this version of kafka-archiver reads 1");
        assertThatThrownBy(() -> SnapshotKind.METADATA.fromJson("k3", "{\"snap".getBytes())).hasMessageStartingWith("snapshot k3 is not JSON");
    }
}
