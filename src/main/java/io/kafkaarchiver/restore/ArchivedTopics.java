package io.kafkaarchiver.restore;

import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.StoreSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an archiver's settings archive, and to which store: {@code archive.topics} or
 * {@code archive.topic-pattern}, into the store {@code archive.store} names. A restore must not write where they
 * would archive it again into the archive it reads.
 *
 * @param archive the store as it describes itself ({@link StoreSettings#describe()}); empty when the settings name none
 */
public record ArchivedTopics(String archive, List<String> topics, Pattern pattern) {

    /** Reads the settings as they are, without requiring any: a restore may run where no archiver is set up. */
    public static ArchivedTopics from(Properties settings) {
        List<String> topics = Arrays.stream(settings.getProperty("archive.topics", "").split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        String pattern = settings.getProperty("archive.topic-pattern", "").trim();
        try {
            return new ArchivedTopics(archive(settings), topics, pattern.isEmpty() ? null : Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new SettingsException("archive.topic-pattern", "'" + pattern + "' is not a regular expression: " + e.getDescription());
        }
    }

    private static String archive(Properties settings) {
        try {
            return StoreSettings.from(settings).describe();
        } catch (SettingsException noStore) {
            return "";
        }
    }

    /** True when these settings archive {@code topic} into the archive {@code described} ({@code ArchiveStore.describe()}). */
    public boolean archives(String described, String topic) {
        return archive.equals(described) && (topics.contains(topic) || pattern != null && pattern.matcher(topic).matches());
    }
}
