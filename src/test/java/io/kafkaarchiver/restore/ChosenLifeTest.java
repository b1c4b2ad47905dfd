package io.kafkaarchiver.restore;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which life of a topic a restore reads, and what the user is told of the choice. */
class ChosenLifeTest {

    private static final Optional<String> FIRST = Optional.of("kJ2x9Q3aRZm1sQnQ0c9f1w");
    private static final Optional<String> SECOND = Optional.of("Q4cTn0xXR8yq7d9bZbnTwg");
    private static final Optional<String> THIRD = Optional.of("X1bTn0xXR8yq7d9bZbnTwg");

    @Test
    void theLifeAskedFor() {
        assertThat(ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(FIRST, SECOND), FIRST, SECOND)).isEqualTo(new ChosenLife(FIRST, Optional.empty()));
        assertThatThrownBy(() -> ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(FIRST, SECOND), THIRD, SECOND))
                .hasMessage("the archive holds no objects of topic orders with topic id " + THIRD.get() + " (it holds 2 lives: topic id "
                        + FIRST.get() + ", topic id " + SECOND.get() + ")");
    }

    @Test
    void otherwiseTheOneKafkaHasNowSaidWhenThereAreOthers() {
        assertThat(ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(FIRST), Optional.empty(), FIRST)).isEqualTo(new ChosenLife(FIRST, Optional.empty()));
        ChosenLife current = ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(FIRST, SECOND), Optional.empty(), SECOND);
        assertThat(current.topicId()).isEqualTo(SECOND);
        assertThat(current.notice()).hasValue("restoring the current life of topic orders (topic id " + SECOND.get() + ", as Kafka has it now); "
                + "the archive holds 2 lives of it: topic id " + FIRST.get() + ", topic id " + SECOND.get() + " (--topic-id chooses one)");
    }

    @Test
    void otherwiseTheLatestArchivedSaidWhy() {
        ChosenLife gone = ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(FIRST, SECOND), Optional.empty(), Optional.empty());
        assertThat(gone.topicId()).isEqualTo(SECOND);
        assertThat(gone.notice()).get().asString().startsWith("topic orders is not in Kafka now: restoring the latest life the archive holds (topic id "
                + SECOND.get() + ")");
        ChosenLife recreated = ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(FIRST), Optional.empty(), SECOND);
        assertThat(recreated.topicId()).isEqualTo(FIRST);
        assertThat(recreated.notice()).hasValue("topic orders has topic id " + SECOND.get() + " in Kafka now, of which the archive holds nothing: "
                + "restoring the latest life the archive holds (topic id " + FIRST.get() + ")");
    }

    @Test
    void aReplayAsksNoKafkaAndSaysSo() {
        ChosenLife replayed = ChosenLife.choose(ChosenLife.Chooser.REPLAY, "orders", List.of(FIRST, SECOND), Optional.empty(), Optional.empty());
        assertThat(replayed.topicId()).isEqualTo(SECOND);
        assertThat(replayed.notice()).hasValue("Kafka is not asked which life of topic orders is current: replaying the latest life the archive"
                + " holds (topic id " + SECOND.get() + "); the archive holds 2 lives of it: topic id " + FIRST.get() + ", topic id " + SECOND.get()
                + " (the topicId option chooses one)");
    }

    @Test
    void anArchiveWrittenBeforeIdsWereKnownHasOneLifeAndNothingToSay() {
        assertThat(ChosenLife.choose(ChosenLife.Chooser.RESTORE, "orders", List.of(Optional.empty()), Optional.empty(), FIRST))
                .isEqualTo(new ChosenLife(Optional.empty(), Optional.empty()));
    }
}
