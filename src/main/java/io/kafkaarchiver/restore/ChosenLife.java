package io.kafkaarchiver.restore;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which life of the source topic a restore reads, when the topic was deleted and created again and the
 * archive holds several: the one asked for ({@code --topic-id}); else the one Kafka has now; else, when
 * Kafka has none the archive holds (the topic is gone, or its new life has nothing archived yet), the
 * latest the archive recorded. The user is told of the choice whenever there was one to make.
 *
 * @param topicId the life's topic id; empty for an archive written before topic ids were known, which has one life
 * @param notice  what the user is told of the choice
 */
public record ChosenLife(Optional<String> topicId, Optional<String> notice) {

    /** Who chooses, as the notice says it: what it does with the life, the option that names one, and whether it asks Kafka. */
    public record Chooser(String doing, String option, boolean asksKafka) {
        public static final Chooser RESTORE = new Chooser("restoring", "--topic-id", true);
        public static final Chooser REPLAY = new Chooser("replaying", "the topicId option", false);
        public static final Chooser CONVERT = new Chooser("converting", "--topic-id", false);
    }

    /**
     * @param archived the lives the archive holds objects of, in the order recorded (empty: no id)
     * @param asked    the life asked for
     * @param kafkaId  Kafka's id for the topic now; empty when Kafka does not have it
     */
    static ChosenLife choose(Chooser chooser, String topic, List<Optional<String>> archived, Optional<String> asked, Optional<String> kafkaId) {
        String others = archived.size() > 1 ? "; the archive holds " + archived.size() + " lives of it: " + describe(archived)
                + " (" + chooser.option() + " chooses one)" : "";
        if (asked.isPresent()) {
            if (!archived.contains(asked)) {
                throw RestoreException.badRequest("the archive holds no objects of topic " + topic + " with topic id " + asked.get()
                        + " (it holds " + (archived.size() == 1 ? "one life: " : archived.size() + " lives: ") + describe(archived) + ")");
            }
            return new ChosenLife(asked, Optional.empty());
        }
        if (kafkaId.isPresent() && archived.contains(kafkaId)) {
            return new ChosenLife(kafkaId, others.isEmpty() ? Optional.empty()
                    : Optional.of(chooser.doing() + " the current life of topic " + topic + " (topic id " + kafkaId.get() + ", as Kafka has it now)" + others));
        }
        Optional<String> latest = archived.get(archived.size() - 1);
        if (others.isEmpty() && (kafkaId.isEmpty() || latest.isEmpty())) {
            return new ChosenLife(latest, Optional.empty());
        }
        String why = !chooser.asksKafka() ? "Kafka is not asked which life of topic " + topic + " is current"
                : kafkaId.map(id -> "topic " + topic + " has topic id " + id + " in Kafka now, of which the archive holds nothing")
                .orElse("topic " + topic + " is not in Kafka now");
        return new ChosenLife(latest, Optional.of(why + ": " + chooser.doing() + " the latest life the archive holds (" + describe(List.of(latest)) + ")" + others));
    }

    private static String describe(List<Optional<String>> lives) {
        return lives.stream().map(l -> l.map(id -> "topic id " + id).orElse("one archived before topic ids were recorded"))
                .collect(Collectors.joining(", "));
    }
}
