package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.Life;
import io.kafkaarchiver.mak.Compression;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Names objects from a template of named placeholders. Keys are deterministic, so uploading the
 * same file again writes the same key; the presets reproduce kafkatos3's and Bifrost's layouts.
 * A topic deleted and created again starts over at offset 0, so each life of a topic ({@link Life})
 * needs keys of its own: a template with {@code {topic_id}} has them in every life; any other keeps its
 * keys for the topic's first life in the bucket (so an archive written before lives were known stays as
 * it is), and names the later lives' objects with {@code {topic_id}/} added as a folder after the first
 * folder that holds {@code {topic}} (before the file name, when no folder does).
 * {@code {date}} (yyyy-MM-dd) and {@code {hour}} (HH) are the UTC date and hour of the file's first record's
 * timestamp (1970-01-01 and 00 when it has none), read from the file, so a restart names it alike; with
 * {@code archive.rotate.event-time} every record of the file is of that hour or day.
 */
public final class ObjectKeys {

    /** Tells whether a life of a topic is the first the bucket recorded. */
    @FunctionalInterface
    public interface FirstLives {
        boolean isFirst(String topic, String topicId);
    }

    /** Sorts in offset order: the 20-digit start offset orders like the number. */
    public static final String DEFAULT = "{topic}/{partition}/{start}{ext}";
    public static final Map<String, String> PRESETS = Map.of(
            "default", DEFAULT,
            "kafkatos3", "kafkatos3/{topic}/{partition}/{topic}-{partition}_{start_offset}-{end_offset}_{yymmdd}{ext}",
            "bifrost", "{group}/{topic}/partition={partition}/{start}{ext}");

    private static final String TOPIC_ID = "{topic_id}";
    private static final Set<String> PLACEHOLDERS = Set.of(
            "topic", "topic_id", "partition", "start", "end", "start_offset", "end_offset", "yymmdd", "date", "hour", "group", "format", "ext");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private final String template;
    private final String laterLives;
    private final String group;
    private final Compression compression;

    private ObjectKeys(String template, String group, Compression compression) {
        this.template = template;
        this.laterLives = laterLives(template);
        this.group = group;
        this.compression = compression;
    }

    /** The template of the lives after the first: the template itself when it names the topic id, else with the id as a folder. */
    static String laterLives(String template) {
        if (template.contains(TOPIC_ID)) {
            return template;
        }
        List<String> folders = new ArrayList<>(List.of(template.split("/", -1)));
        int last = folders.size() - 1;
        int topicFolder = IntStream.range(0, last).filter(i -> folders.get(i).contains("{topic}")).findFirst().orElse(-1);
        folders.add(topicFolder < 0 ? last : topicFolder + 1, TOPIC_ID);
        return String.join("/", folders);
    }

    /**
     * @param templateOrPreset a preset name ({@code default, kafkatos3, bifrost}) or a template
     * @throws IllegalArgumentException for a template that names an unknown placeholder, or could give two files one key
     */
    public static ObjectKeys of(String templateOrPreset, String group, Compression compression) {
        String template = PRESETS.getOrDefault(templateOrPreset.trim(), templateOrPreset.trim());
        Matcher m = PLACEHOLDER.matcher(template);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} (known: "
                        + String.join(", ", new TreeSet<>(PLACEHOLDERS)) + "; presets: " + String.join(", ", new TreeSet<>(PRESETS.keySet())) + ")");
            }
            used.add(m.group(1));
        }
        boolean unique = used.contains("topic") && used.contains("partition") && (used.contains("start") || used.contains("start_offset"));
        if (!unique) {
            throw new IllegalArgumentException("'" + template + "' must contain {topic}, {partition} and {start} "
                    + "(or {start_offset}), or two files would get the same key");
        }
        if (template.startsWith("/")) {
            throw new IllegalArgumentException("'" + template + "' must not start with '/'");
        }
        return new ObjectKeys(template, group, compression);
    }

    /** True when the template names {@code placeholder} ({@code "hour"} for {@code {hour}}). */
    public boolean uses(String placeholder) {
        return template.contains("{" + placeholder + "}");
    }

    /**
     * The key of an object of {@code life}: the template's own for the topic's first life in the bucket
     * (which {@code first} is asked only when it matters) and for files of the unknown life, which were
     * written before the archiver knew ids; with the topic id for the others, and for every segment after
     * a truncation ({@code {topic_id}} then reads {@code <topic id>.<segment>}).
     */
    public String keyFor(ArchiveFacts facts, Life life, FirstLives first) {
        return keyFor(facts, life, first, compression);
    }

    /**
     * As {@link #keyFor(ArchiveFacts, Life, FirstLives)}, for an object made as {@code madeAs} says (an object an earlier
     * run made, under other settings, keeps the extension and format of what it is): {@code {ext}} is {@code .parquet}
     * for a Parquet object, else {@code .mak} and the compression's suffix; {@code {format}} is {@code parquet}, or the
     * MAK version.
     */
    public String keyFor(ArchiveFacts facts, Life life, FirstLives first, Compression madeAs) {
        boolean firstLife = !template.contains(TOPIC_ID) && life.segment() == 0
                && (!life.known() || first.isFirst(facts.header().topic(), life.topicId()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("topic", facts.header().topic());
        values.put("topic_id", life.label());
        values.put("partition", Integer.toString(facts.header().partition()));
        values.put("start", String.format("%020d", facts.summary().firstOffset()));
        values.put("end", String.format("%020d", facts.summary().lastOffset()));
        values.put("start_offset", Long.toString(facts.summary().firstOffset()));
        values.put("end_offset", Long.toString(facts.summary().lastOffset()));
        values.put("yymmdd", YYMMDD.format(facts.header().startTime()));
        Instant firstRecord = Instant.ofEpochMilli(Math.max(0, facts.firstTimestamp()));
        values.put("date", DATE.format(firstRecord));
        values.put("hour", HOUR.format(firstRecord));
        values.put("group", group);
        boolean parquet = madeAs == Compression.PARQUET;
        values.put("format", parquet ? "parquet" : facts.version().cliName());
        values.put("ext", parquet ? madeAs.suffix() : ".mak" + madeAs.suffix());
        Matcher m = PLACEHOLDER.matcher(firstLife ? template : laterLives);
        StringBuilder key = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(key, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(key);
        return key.toString();
    }
}
