package io.kafkaarchiver.karaf;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KarafSettingsTest {

    @Test
    void theConfigurationOverridesTheBundlesDefaults() {
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("archive.topics", "orders");
        cfg.put("archive.rotate.max-records", 500);
        cfg.put("service.pid", KarafSettings.PID);

        ArchiveSettings settings = ArchiveSettings.from(KarafSettings.merge(cfg, Map.of()));

        assertThat(settings.topics()).containsExactly("orders");
        assertThat(settings.rotateMaxRecords()).isEqualTo(500);
        assertThat(settings.rotateMaxAge()).as("a default").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void withoutAConfigurationTheDefaultsAloneSayWhatIsMissing() {
        Properties defaults = KarafSettings.merge(null, Map.of());

        assertThatThrownBy(() -> ArchiveSettings.from(defaults)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.topics: no topics to archive");
    }

    @Test
    void camelMainSettingsAreRefusedByName() {
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("archive.topics", "orders");
        cfg.put("camel.management.port", "9876");

        assertThatThrownBy(() -> KarafSettings.merge(cfg, Map.of())).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("camel.management.port: Camel Main settings do not apply in Karaf");
    }

    @Test
    void anUnknownSettingIsNamedAsInTheJar() {
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("archive.topics", "orders");
        cfg.put("archive.rotate.max-agee", "1h");

        assertThatThrownBy(() -> ArchiveSettings.from(KarafSettings.merge(cfg, Map.of()))).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.rotate.max-agee: unknown setting");
    }

    @Test
    void environmentVariablesOverrideTheConfigurationAsInTheJar() {
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("archive.topics", "orders");
        cfg.put("s3.access-key", "in-the-file");

        Properties merged = KarafSettings.merge(cfg, Map.of(
                "S3_SECRET_KEY", "from-the-environment",
                "S3_ACCESS_KEY", "overridden",
                "KAFKA_CONSUMER_SASL_JAAS_CONFIG", "a-login"));

        assertThat(merged.getProperty("s3.secret-key")).isEqualTo("from-the-environment");
        assertThat(merged.getProperty("s3.access-key")).isEqualTo("overridden");
        assertThat(merged.getProperty("kafka.consumer.sasl.jaas.config")).as("a Kafka consumer property").isEqualTo("a-login");
        assertThat(merged.getProperty("archive.topics")).isEqualTo("orders");
    }

    @Test
    void camelMainSettingsInTheEnvironmentAreLeftToOtherCamelRuntimes() {
        Properties merged = KarafSettings.merge(null, Map.of("CAMEL_MAIN_NAME", "another"));

        assertThat(merged.getProperty("camel.main.name")).isEqualTo("kafka-archiver");
    }
}
