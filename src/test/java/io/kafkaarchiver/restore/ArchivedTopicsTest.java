package io.kafkaarchiver.restore;

import io.kafkaarchiver.config.SettingsSource;
import java.util.Properties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which topics the archiver's settings send to which store: what a restore must not write into. */
class ArchivedTopicsTest {

    @Test
    void aListedTopicOrAFullPatternMatchIntoTheSameBucket() {
        Properties listed = SettingsSource.defaults();
        listed.setProperty("s3.bucket", "archive");
        listed.setProperty("archive.topics", "orders, payments");
        String archive = ArchivedTopics.from(listed).archive();
        assertThat(archive).contains("bucket archive");
        assertThat(ArchivedTopics.from(listed).archives(archive, "payments")).isTrue();
        assertThat(ArchivedTopics.from(listed).archives(archive, "orders-restored")).isFalse();
        assertThat(ArchivedTopics.from(listed).archives(archive.replace("archive", "elsewhere"), "orders")).isFalse();

        Properties pattern = SettingsSource.defaults();
        pattern.setProperty("s3.bucket", "archive");
        pattern.setProperty("archive.topic-pattern", "orders.*");
        assertThat(ArchivedTopics.from(pattern).archives(archive, "orders-restored")).isTrue();
        assertThat(ArchivedTopics.from(pattern).archives(archive, "old-orders")).isFalse();
    }

    @Test
    void noArchiverSettingsArchiveNothing() {
        assertThat(ArchivedTopics.from(new Properties()).archives("", "orders")).isFalse();
    }
}
