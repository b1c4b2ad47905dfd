package io.kafkaarchiver.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manifest entries name the life of the topic they are of and the checksum of the object's bytes; entries written before
 * either was kept read as before.
 */
class ManifestTest {

    private static final String ENTRY = "_manifest/orders/3/entry.json";

    @Test
    void anEntryCarriesTheTopicIdAndTheChecksumAndReadsBack() throws Exception {
        String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        ArchivedObject o = new ArchivedObject("orders/Q4cTn0xXR8yq7d9bZbnTwg/3/00000000000000000000.mak.gz", "orders", 3, 0, 99, 100,
                1, 2, "mak2", "gzip", 1234, Optional.of("Q4cTn0xXR8yq7d9bZbnTwg"), Optional.of(sha256));
        byte[] json = new Manifest(null, "_manifest", Clock.systemUTC()).toJson(o);
        assertThat(new ObjectMapper().readTree(json).get("topic_id").asText()).isEqualTo("Q4cTn0xXR8yq7d9bZbnTwg");
        assertThat(new ObjectMapper().readTree(json).get("sha256").asText()).isEqualTo(sha256);
        assertThat(Manifest.fromJson(ENTRY, json)).isEqualTo(o);
    }

    @Test
    void anEntryWrittenBeforeLivesWereKnownHasNoTopicIdAndNoChecksum() {
        String older = "{\"manifest_version\":1,\"key\":\"orders/3/00000000000000000500.mak.gz\",\"topic\":\"orders\",\"partition\":3,"
                + "\"start_offset\":500,\"end_offset\":1499,\"record_count\":1000,\"min_timestamp\":1,\"max_timestamp\":2,\"format\":\"mak2\","
                + "\"compression\":\"gzip\",\"size\":123456,\"recorded_at\":\"2026-11-23T18:04:05.123Z\"}";
        ArchivedObject read = Manifest.fromJson(ENTRY, older.getBytes(StandardCharsets.UTF_8));
        assertThat(read.topicId()).isEmpty();
        assertThat(read.sha256()).isEmpty();
    }
}
