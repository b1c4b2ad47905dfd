package io.kafkaarchiver.catalog;

import io.kafkaarchiver.catalog.ObjectIdentity.Standing;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An object under a key is judged by its whole identity (life, offsets, record count, checksum), never by its end offset alone. */
class ObjectIdentityTest {

    private static final Optional<String> LIFE = Optional.of("Q4cTn0xXR8yq7d9bZbnTwg");
    private static final Optional<String> OTHER_LIFE = Optional.of("kJ2x9Q3aRZm1sQnQ0c9f1w");
    private static final Optional<String> SUM = Optional.of("aa");

    private static ObjectIdentity object(Optional<String> life, long start, long end, Optional<String> sha256) {
        return new ObjectIdentity(life, start, end, end - start + 1, sha256);
    }

    @Test
    void theSameObjectIsAlreadyArchived() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(LIFE, 0, 99, SUM))).isEqualTo(Standing.SAME);
    }

    @Test
    void anObjectPutBeforeTheChecksumWasKeptIsTheSameOnItsOtherFields() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(LIFE, 0, 99, Optional.empty()))).isEqualTo(Standing.SAME);
    }

    @Test
    void theSameOffsetsInOtherBytesAreAlreadyArchivedButNotTheSameObject() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(LIFE, 0, 99, Optional.of("bb")))).isEqualTo(Standing.HOLDS_AS_MANY_OR_MORE);
    }

    @Test
    void anObjectOfTheSameLifeHoldingMoreIsAlreadyArchived() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(LIFE, 0, 150, SUM))).isEqualTo(Standing.HOLDS_AS_MANY_OR_MORE);
    }

    @Test
    void anObjectOfTheSameLifeHoldingFewerIsReplaced() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(LIFE, 0, 49, SUM))).isEqualTo(Standing.HOLDS_FEWER);
    }

    @Test
    void anObjectHoldingOffsetsThisOneLacksIsNeverReplaced() {
        assertThat(object(LIFE, 10, 99, SUM).standingOf(object(LIFE, 0, 49, SUM))).isEqualTo(Standing.NOT_REPLACEABLE);
    }

    @Test
    void anObjectOfAnotherLifeIsNeverReplacedWhateverItHolds() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(OTHER_LIFE, 0, 49, SUM))).isEqualTo(Standing.NOT_REPLACEABLE);
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(OTHER_LIFE, 0, 150, SUM))).isEqualTo(Standing.NOT_REPLACEABLE);
    }

    @Test
    void anObjectWithoutALifeIsNotThisLifesOnItsEndOffsetAlone() {
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(Optional.empty(), 0, 150, SUM))).isEqualTo(Standing.NOT_REPLACEABLE);
        assertThat(object(LIFE, 0, 99, SUM).standingOf(object(Optional.empty(), 0, 49, SUM))).isEqualTo(Standing.NOT_REPLACEABLE);
    }

    @Test
    void aFileOfTheUnknownLifeFindsItsOffsetsInAnObjectThatNamesALifeButNeverReplacesIt() {
        assertThat(object(Optional.empty(), 0, 99, SUM).standingOf(object(LIFE, 0, 99, SUM))).isEqualTo(Standing.HOLDS_AS_MANY_OR_MORE);
        assertThat(object(Optional.empty(), 0, 99, SUM).standingOf(object(LIFE, 0, 49, SUM))).isEqualTo(Standing.NOT_REPLACEABLE);
    }

    @Test
    void filesAndObjectsOfTheUnknownLifeAreJudgedByTheirOffsets() {
        assertThat(object(Optional.empty(), 0, 99, SUM).standingOf(object(Optional.empty(), 0, 49, Optional.empty()))).isEqualTo(Standing.HOLDS_FEWER);
    }

    @Test
    void readsTheIdentityFromAnObjectsMetadataWithOrWithoutItsChecksum() {
        Map<String, String> metadata = new HashMap<>(Map.of(ObjectMetadata.TOPIC, "orders", ObjectMetadata.PARTITION, "3",
                ObjectMetadata.START_OFFSET, "500", ObjectMetadata.END_OFFSET, "1499", ObjectMetadata.RECORD_COUNT, "998",
                ObjectMetadata.MIN_TIMESTAMP, "1", ObjectMetadata.MAX_TIMESTAMP, "2", ObjectMetadata.FORMAT, "mak2",
                ObjectMetadata.COMPRESSION, "gzip", ObjectMetadata.TOPIC_ID, LIFE.get()));
        assertThat(ObjectIdentity.fromMetadata("k", metadata)).contains(new ObjectIdentity(LIFE, 500, 1499, 998, Optional.empty()));
        metadata.put(ObjectMetadata.SHA256, "ab12");
        assertThat(ObjectIdentity.fromMetadata("k", metadata)).contains(new ObjectIdentity(LIFE, 500, 1499, 998, Optional.of("ab12")));
        assertThat(ObjectIdentity.fromMetadata("k", Map.of())).isEmpty();
    }
}
