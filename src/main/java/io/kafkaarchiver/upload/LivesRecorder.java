package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.TopicLives;
import io.kafkaarchiver.catalog.TopicLives.RecordedLife;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the bucket's record of the lives of the archived topics ({@link TopicLives}) as objects are put:
 * a life is recorded before its first object goes up, and the topic's first life (the earliest recorded)
 * is known from then on. The bucket is read once per topic and life this archiver meets, not per object.
 */
public final class LivesRecorder implements ObjectKeys.FirstLives {

    private final TopicLives lives;
    private final Clock clock;
    /** {@code <topic> <topic id>} of the lives known to be recorded. */
    private final Set<String> recorded = new HashSet<>();
    private final Map<String, String> firstLives = new HashMap<>();

    public LivesRecorder(TopicLives lives, Clock clock) {
        this.lives = lives;
        this.clock = clock;
    }

    /** Makes sure the bucket records {@code topicId} as a life of {@code topic}. */
    public synchronized void record(String topic, String topicId) {
        if (recorded.contains(topic + " " + topicId)) {
            return;
        }
        List<RecordedLife> known = lives.of(topic);
        if (known.stream().noneMatch(l -> l.topicId().equals(topicId))) {
            lives.record(topic, topicId, clock.instant());
            known = lives.of(topic);
        }
        known.forEach(l -> recorded.add(topic + " " + l.topicId()));
        firstLives.putIfAbsent(topic, known.get(0).topicId());
    }

    @Override
    public synchronized boolean isFirst(String topic, String topicId) {
        record(topic, topicId);
        return firstLives.get(topic).equals(topicId);
    }
}
