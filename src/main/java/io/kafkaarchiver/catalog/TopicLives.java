package io.kafkaarchiver.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The lives of each archived topic as the archive recorded them (docs/manifest.md): a small object per
 * life, {@code <prefix>/_topics/<topic>/lives/<time>-<topic id>.json}, added before the first object of
 * that life is put, and only ever added, so concurrent archivers cannot undo one another's. Listing the
 * folder gives them all, in the order they were recorded; the earliest is the topic's first life in
 * this archive, whose objects keep the keys the archiver always gave (without the topic id), and to which
 * the objects archived before the archiver knew ids belong.
 */
public final class TopicLives {

    /** One life of a topic, and when the archive first recorded it. */
    public record RecordedLife(String topicId, Instant recordedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A topic id as Kafka gives it (22 characters of URL-safe base64). */
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final ArchiveStore store;
    private final Manifest manifest;

    public TopicLives(ArchiveStore store, Manifest manifest) {
        this.store = store;
        this.manifest = manifest;
    }

    /** The topic's lives, the first first, each once (as first recorded); none for a topic archived before lives were recorded. */
    public List<RecordedLife> of(String topic) {
        List<RecordedLife> records = new ArrayList<>();
        for (StoredObject o : store.listAll(folder(topic))) {
            StampedName.parse(o.key()).filter(n -> TOPIC_ID.matcher(n.topicId()).matches())
                    .ifPresent(n -> records.add(new RecordedLife(n.topicId(), n.time())));
        }
        records.sort(Comparator.comparing(RecordedLife::recordedAt).thenComparing(RecordedLife::topicId));
        Set<String> seen = new LinkedHashSet<>();
        return records.stream().filter(r -> seen.add(r.topicId())).toList();
    }

    /** Records that {@code topicId} is a life of {@code topic}, first met at {@code at}. */
    public void record(String topic, String topicId, Instant at) {
        String body = JSON.createObjectNode().put("topic", topic).put("topic_id", topicId).put("recorded_at", at.toString()).toString();
        store.put(folder(topic) + new StampedName(at, topicId).name(), body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of(),
                new Precondition.Overwrite());
    }

    private String folder(String topic) {
        return manifest.topicsPrefix() + "/" + topic + "/lives/";
    }
}
