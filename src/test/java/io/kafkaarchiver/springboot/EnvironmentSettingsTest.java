package io.kafkaarchiver.springboot;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentSettingsTest {

    @Test
    void theApplicationsPropertiesAndEnvironmentVariablesOverrideTheDefaults() {
        StandardEnvironment environment = environment(Map.of("archive.topics", "orders", "kafka.consumer.max.poll.records", "50",
                "camel.main.name", "the-application"));
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("variables",
                Map.of("KAFKA_BROKERS", "kafka-1:9092", "KAFKA_CONSUMER_SASL_MECHANISM", "PLAIN", "S3_KEY_TEMPLATE", "kafkatos3")));

        Properties properties = EnvironmentSettings.read(environment);
        ArchiveSettings settings = ArchiveSettings.from(properties);

        assertThat(settings.topics()).containsExactly("orders");
        assertThat(settings.brokers()).isEqualTo("kafka-1:9092");
        assertThat(settings.consumerProperties()).containsEntry("max.poll.records", "50").containsEntry("sasl.mechanism", "PLAIN");
        assertThat(settings.rotateMaxAge()).as("a default").isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.archive().keyTemplate()).as("archive.key-template, set by its former name's variable").isEqualTo("kafkatos3");
        assertThat(properties.stringPropertyNames()).as("Camel's settings are the application's").noneMatch(key -> key.startsWith("camel."));
    }

    @Test
    void aMisspeltKeyIsRefusedByName() {
        StandardEnvironment environment = environment(Map.of("archive.topics", "orders", "archive.rotate.max-agee", "5m"));

        assertThatThrownBy(() -> ArchiveSettings.from(EnvironmentSettings.read(environment)))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("archive.rotate.max-agee");
    }

    private static StandardEnvironment environment(Map<String, Object> applicationProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", applicationProperties));
        return environment;
    }
}
