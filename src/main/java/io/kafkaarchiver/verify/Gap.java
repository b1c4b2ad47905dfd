package io.kafkaarchiver.verify;

/**
 * Offsets of a partition that no object of the archive holds ({@code from..to}, inclusive), and what
 * Kafka could tell about them.
 */
public record Gap(long from, long to, Evidence evidence) {

    /** How sure the verification is that records are missing, not just offsets. */
    public enum Evidence {
        /** Kafka holds records in the range: they were never archived. */
        KAFKA_HAS_RECORDS("Kafka holds records there"),
        /** Below Kafka's log start: retention deleted the range, so whether it held records is unknown. */
        GONE_FROM_KAFKA("Kafka no longer has that range, so it cannot be confirmed"),
        /** Kafka was not asked (--no-kafka, or it did not answer). */
        NOT_CHECKED("not checked against Kafka");

        private final String description;

        Evidence(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public long offsetCount() {
        return to - from + 1;
    }
}
