package io.kafkaarchiver.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive's metadata names go to Azure as C# identifiers and come back as they were. */
class MetadataNamesTest {

    @Test
    void hyphensBecomeUnderscoresAndBackAgain() {
        Map<String, String> archive = Map.of("mak-topic", "orders", "mak-start-offset", "0", "mak-sha256", "ab");

        Map<String, String> azure = MetadataNames.toAzure(archive);

        assertThat(azure).containsOnlyKeys("mak_topic", "mak_start_offset", "mak_sha256");
        assertThat(MetadataNames.fromAzure(azure)).isEqualTo(archive);
    }

    @Test
    void namesAzureReturnsInAnotherCaseAreTheArchivesOwn() {
        assertThat(MetadataNames.fromAzure(Map.of("MAK_Topic", "orders"))).containsExactly(Map.entry("mak-topic", "orders"));
    }

    @Test
    void aNameTheMappingCouldNotGiveBackIsRefused() {
        assertThatThrownBy(() -> MetadataNames.toAzure(Map.of("mak_topic", "orders")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mak_topic'");
        assertThatThrownBy(() -> MetadataNames.toAzure(Map.of("1st", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
