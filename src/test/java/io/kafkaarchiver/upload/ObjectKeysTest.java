package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectKeysTest {

    private static final ArchiveFacts FACTS = new ArchiveFacts(MakVersion.V2,
            new MakFileHeader("orders", 3, 500, Instant.parse("2016-08-11T10:00:00Z")),
            new MakSummary(1001, 500, 1500, 1, 2));

    @Test
    void defaultKeysSortInOffsetOrder() {
        ObjectKeys keys = ObjectKeys.of("default", "g", Compression.GZIP);
        assertThat(keys.keyFor(FACTS)).isEqualTo("orders/3/00000000000000000500.mak.gz");
        ArchiveFacts later = new ArchiveFacts(MakVersion.V2, FACTS.header(), new MakSummary(1, 10_000, 10_000, 1, 1));
        assertThat(keys.keyFor(FACTS)).isLessThan(keys.keyFor(later));
    }

    @Test
    void presetsReproduceKafkatos3AndBifrost() {
        assertThat(ObjectKeys.of("kafkatos3", "g", Compression.GZIP).keyFor(FACTS))
                .isEqualTo("kafkatos3/orders/3/orders-3_500-1500_160811.mak.gz");
        assertThat(ObjectKeys.of("bifrost", "archivers", Compression.ZSTD).keyFor(FACTS))
                .isEqualTo("archivers/orders/partition=3/00000000000000000500.mak.zst");
    }

    @Test
    void templatesAreChecked() {
        assertThat(ObjectKeys.of("raw/{topic}/{partition}/{start}-{end}.{format}{ext}", "g", Compression.NONE).keyFor(FACTS))
                .isEqualTo("raw/orders/3/00000000000000000500-00000000000000001500.mak2.mak");
        assertThatThrownBy(() -> ObjectKeys.of("{topic}/{partiton}/{start}", "g", Compression.GZIP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown placeholder {partiton}");
        assertThatThrownBy(() -> ObjectKeys.of("{topic}/{start}", "g", Compression.GZIP))
                .hasMessageContaining("must contain {topic}, {partition} and {start}");
    }
}
