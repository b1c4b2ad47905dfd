package io.kafkaarchiver.verify;

/** Where a life of a topic stands, as verify sees it. */
public enum LifeState {
    /** The life Kafka has now (the topic's id now), or the one life of an archive written before ids were known: compared with Kafka. */
    CURRENT("current"),
    /** The last life the archive recorded, when Kafka was not asked. */
    LATEST("latest"),
    /** An earlier life: the topic was deleted (and maybe created again) since; its own gaps and overlaps are checked, not against Kafka. */
    CLOSED("closed");

    private final String word;

    LifeState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
