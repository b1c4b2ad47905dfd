package io.kafkaarchiver.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code azure.*} settings: the jar's defaults with an account make a store; each bad value is named in one line. */
class AzureSettingsTest {

    @Test
    void theDefaultsWithAnAccountReachThePublicCloudWithTheCredentialChain() {
        AzureSettings azure = AzureSettings.from(settings(Map.of("azure.account", "archivestore")));

        assertThat(azure.container()).isEqualTo("kafka-archive");
        assertThat(azure.blockSize()).isEqualTo(16L << 20);
        assertThat(azure.serviceEndpoint()).isEqualTo(URI.create("https://archivestore.blob.core.windows.net"));
        assertThat(azure.credentialsSetting()).isEqualTo("azure.account");
        assertThat(azure.credentials()).contains("DefaultAzureCredential");
    }

    @Test
    void aConnectionStringNeedsNoAccountAndIsNeverShown() {
        AzureSettings azure = AzureSettings.from(settings(Map.of("azure.connection-string",
                "DefaultEndpointsProtocol=https;AccountName=a1b2c;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net")));

        assertThat(azure.credentialsSetting()).isEqualTo("azure.connection-string");
        assertThat(azure.toString()).doesNotContain("c2VjcmV0").contains("connection-string=(set)");
    }

    @Test
    void eachBadSettingIsNamed() {
        assertRefused(Map.of(), "azure.account: must not be empty (or set azure.connection-string)");
        assertRefused(Map.of("azure.account", "My_Account"), "azure.account: 'My_Account' is not a storage account name");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.container", "Kafka_Archive"), "azure.container: 'Kafka_Archive' is not a container name");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.container", "a--b"), "azure.container: 'a--b' is not a container name");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.endpoint", "127.0.0.1:10000"), "azure.endpoint: '127.0.0.1:10000' is not a URL");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.block-size", "5GB"), "azure.block-size: 5368709120 bytes is not between");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.block-size", "lots"), "azure.block-size: 'lots' is not a size");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.blocksize", "1MB"), "azure.blocksize: unknown setting");
    }

    private static void assertRefused(Map<String, String> overrides, String message) {
        assertThatThrownBy(() -> AzureSettings.from(settings(overrides)))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(message);
    }

    private static Properties settings(Map<String, String> overrides) {
        Properties p = SettingsSource.defaults();
        p.putAll(overrides);
        return p;
    }
}
