package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.mak.Compression;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names objects from a template of named placeholders. Keys are deterministic, so uploading the
 * same file again writes the same key; the presets reproduce kafkatos3's and Bifrost's layouts.
 */
public final class ObjectKeys {

    /** Sorts in offset order: the 20-digit start offset orders like the number. */
    public static final String DEFAULT = "{topic}/{partition}/{start}{ext}";
    public static final Map<String, String> PRESETS = Map.of(
            "default", DEFAULT,
            "kafkatos3", "kafkatos3/{topic}/{partition}/{topic}-{partition}_{start_offset}-{end_offset}_{yymmdd}{ext}",
            "bifrost", "{group}/{topic}/partition={partition}/{start}{ext}");

    private static final Set<String> PLACEHOLDERS = Set.of(
            "topic", "partition", "start", "end", "start_offset", "end_offset", "yymmdd", "group", "format", "ext");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private final String template;
    private final String group;
    private final Compression compression;

    private ObjectKeys(String template, String group, Compression compression) {
        this.template = template;
        this.group = group;
        this.compression = compression;
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

    public String keyFor(ArchiveFacts facts) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("topic", facts.header().topic());
        values.put("partition", Integer.toString(facts.header().partition()));
        values.put("start", String.format("%020d", facts.summary().firstOffset()));
        values.put("end", String.format("%020d", facts.summary().lastOffset()));
        values.put("start_offset", Long.toString(facts.summary().firstOffset()));
        values.put("end_offset", Long.toString(facts.summary().lastOffset()));
        values.put("yymmdd", YYMMDD.format(facts.header().startTime()));
        values.put("group", group);
        values.put("format", facts.version().cliName());
        values.put("ext", ".mak" + compression.suffix());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder key = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(key, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(key);
        return key.toString();
    }
}
