package io.kafkaarchiver.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Which life of a topic verify compares with Kafka, and which it checks on its own as closed. */
class LifeStatesTest {

    private static final Optional<String> FIRST = Optional.of("kJ2x9Q3aRZm1sQnQ0c9f1w");
    private static final Optional<String> SECOND = Optional.of("Q4cTn0xXR8yq7d9bZbnTwg");
    private static final Optional<String> NO_ID = Optional.empty();

    @Test
    void theLifeKafkaHasIsCurrentAndTheEarlierOnesClosed() {
        assertThat(Verifier.lifeStates(List.of(FIRST, SECOND), true, true, SECOND))
                .containsExactly(entry(FIRST, LifeState.CLOSED), entry(SECOND, LifeState.CURRENT));
    }

    @Test
    void aNewLifeNotArchivedYetIsCurrentWithNothingHeld() {
        assertThat(Verifier.lifeStates(List.of(FIRST), true, true, SECOND))
                .containsExactly(entry(FIRST, LifeState.CLOSED), entry(SECOND, LifeState.CURRENT));
    }

    @Test
    void aTopicGoneFromKafkaHasOnlyClosedLives() {
        assertThat(Verifier.lifeStates(List.of(FIRST, SECOND), true, false, Optional.empty()))
                .containsExactly(entry(FIRST, LifeState.CLOSED), entry(SECOND, LifeState.CLOSED));
    }

    @Test
    void withoutKafkaTheLastRecordedLifeIsTheLatest() {
        assertThat(Verifier.lifeStates(List.of(FIRST, SECOND), false, false, Optional.empty()))
                .containsExactly(entry(FIRST, LifeState.CLOSED), entry(SECOND, LifeState.LATEST));
    }

    @Test
    void anArchiveWrittenBeforeIdsWereKnownHasOneLifeComparedWithKafka() {
        assertThat(Verifier.lifeStates(List.of(NO_ID), true, true, FIRST)).containsExactly(entry(NO_ID, LifeState.CURRENT));
        assertThat(Verifier.lifeStates(List.of(NO_ID), false, false, Optional.empty())).isEqualTo(Map.of(NO_ID, LifeState.LATEST));
    }
}
