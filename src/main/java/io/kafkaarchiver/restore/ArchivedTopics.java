package io.kafkaarchiver.restore;

import io.kafkaarchiver.config.SettingsException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an archiver's settings archive, and to which bucket: {@code archive.topics} or
 * {@code archive.topic-pattern}, into {@code s3.bucket}. A restore must not write where they would
 * archive it again into the bucket it reads.
 */
public record ArchivedTopics(String bucket, List<String> topics, Pattern pattern) {

    /** Reads the settings as they are, without requiring any: a restore may run where no archiver is set up. */
    public static ArchivedTopics from(Properties settings) {
        List<String> topics = Arrays.stream(settings.getProperty("archive.topics", "").split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        String pattern = settings.getProperty("archive.topic-pattern", "").trim();
        try {
            return new ArchivedTopics(settings.getProperty("s3.bucket", "").trim(), topics, pattern.isEmpty() ? null : Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new SettingsException("archive.topic-pattern", "'" + pattern + "' is not a regular expression: " + e.getDescription());
        }
    }

    /** True when these settings archive {@code topic} into {@code toBucket}. */
    public boolean archives(String toBucket, String topic) {
        return bucket.equals(toBucket) && (topics.contains(topic) || pattern != null && pattern.matcher(topic).matches());
    }
}
