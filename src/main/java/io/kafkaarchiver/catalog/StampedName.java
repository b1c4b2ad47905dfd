package io.kafkaarchiver.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The name of an object that records something of one life of a topic at a time (a life met, a snapshot
 * read): {@code <time>-<topic id>.json}, the time as {@code 20261123T101530.123Z} (UTC), so a folder of
 * them lists in time order. Such objects are only ever added: two instances, or a retry, never overwrite
 * a different one.
 */
public record StampedName(Instant time, String topicId) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSX").withZone(ZoneOffset.UTC);
    private static final int TIME_LENGTH = "20261123T101530.123Z".length();
    private static final String SUFFIX = ".json";

    public String name() {
        return TIME.format(time) + "-" + topicId + SUFFIX;
    }

    /** The stamped name that ends {@code key}; empty for a key that ends in another name. */
    public static Optional<StampedName> parse(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.length() <= TIME_LENGTH || name.charAt(TIME_LENGTH) != '-' || !name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StampedName(Instant.from(TIME.parse(name.substring(0, TIME_LENGTH))),
                    name.substring(TIME_LENGTH + 1, name.length() - SUFFIX.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
