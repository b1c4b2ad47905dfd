package io.kafkaarchiver.topics;

import java.util.Map;
import java.util.TreeMap;

/** What Kafka answered about several topics or groups, by name: what was read, and what failed and why. */
record Reads<T>(Map<String, T> read, Map<String, Throwable> failed) {

    Reads() {
        this(new TreeMap<>(), new TreeMap<>());
    }
}
