package io.kafkaarchiver.karaf;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
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

        ArchiveSettings settings = ArchiveSettings.from(KarafSettings.merge(cfg));

        assertThat(settings.topics()).containsExactly("orders");
        assertThat(settings.rotateMaxRecords()).isEqualTo(500);
        assertThat(settings.rotateMaxAge()).as("a default").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void withoutAConfigurationTheDefaultsAloneSayWhatIsMissing() {
        Properties defaults = KarafSettings.merge(null);

        assertThatThrownBy(() -> ArchiveSettings.from(defaults)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.topics: no topics to archive");
    }

    @Test
    void camelMainSettingsAreRefusedByName() {
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("archive.topics", "orders");
        cfg.put("camel.management.port", "9876");

        assertThatThrownBy(() -> KarafSettings.merge(cfg)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("camel.management.port: Camel Main settings do not apply in Karaf");
    }

    @Test
    void anUnknownSettingIsNamedAsInTheJar() {
        Dictionary<String, Object> cfg = new Hashtable<>();
        cfg.put("archive.topics", "orders");
        cfg.put("archive.rotate.max-agee", "1h");

        assertThatThrownBy(() -> ArchiveSettings.from(KarafSettings.merge(cfg))).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("archive.rotate.max-agee: unknown setting");
    }
}
