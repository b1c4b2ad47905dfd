package io.kafkaarchiver.upload;

import io.kafkaarchiver.archive.ArchiveFacts;
import io.kafkaarchiver.archive.Life;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakFileHeader;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.mak.MakVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectKeysTest {

    private static final ArchiveFacts FACTS = new ArchiveFacts(MakVersion.V2,
            new MakFileHeader("orders", 3, 500, Instant.parse("2016-08-11T10:00:00Z")),
            new MakSummary(1001, 500, 1500, 1, 2), 1);
    private static final String FIRST = "kJ2x9Q3aRZm1sQnQ0c9f1w";
    private static final String LATER = "Q4cTn0xXR8yq7d9bZbnTwg";
    /** The bucket's record: {@link #FIRST} is the topic's first life. */
    private static final ObjectKeys.FirstLives RECORDED = (topic, id) -> id.equals(FIRST);

    private static String key(ObjectKeys keys, ArchiveFacts facts) {
        return keys.keyFor(facts, Life.of(FIRST), RECORDED);
    }

    @Test
    void defaultKeysSortInOffsetOrder() {
        ObjectKeys keys = ObjectKeys.of("default", "g", Compression.GZIP);
        assertThat(key(keys, FACTS)).isEqualTo("orders/3/00000000000000000500.mak.gz");
        ArchiveFacts later = new ArchiveFacts(MakVersion.V2, FACTS.header(), new MakSummary(1, 10_000, 10_000, 1, 1), 1);
        assertThat(key(keys, FACTS)).isLessThan(key(keys, later));
    }

    @Test
    void parquetObjectsEndInParquetAndNameTheirFormat() {
        assertThat(key(ObjectKeys.of("default", "g", Compression.PARQUET), FACTS)).isEqualTo("orders/3/00000000000000000500.parquet");
        assertThat(key(ObjectKeys.of("{topic}/{format}/{partition}-{start}{ext}", "g", Compression.PARQUET), FACTS))
                .isEqualTo("orders/parquet/3-00000000000000000500.parquet");
        // An object keeps the extension of what it is, whatever the settings are now (one an earlier run made, say).
        ObjectKeys gzip = ObjectKeys.of("default", "g", Compression.GZIP);
        assertThat(gzip.keyFor(FACTS, Life.of(FIRST), RECORDED, Compression.PARQUET)).isEqualTo("orders/3/00000000000000000500.parquet");
        assertThat(ObjectKeys.of("default", "g", Compression.PARQUET).keyFor(FACTS, Life.of(FIRST), RECORDED, Compression.ZSTD))
                .isEqualTo("orders/3/00000000000000000500.mak.zst");
    }

    @Test
    void presetsReproduceKafkatos3AndBifrost() {
        assertThat(key(ObjectKeys.of("kafkatos3", "g", Compression.GZIP), FACTS))
                .isEqualTo("kafkatos3/orders/3/orders-3_500-1500_160811.mak.gz");
        assertThat(key(ObjectKeys.of("bifrost", "archivers", Compression.ZSTD), FACTS))
                .isEqualTo("archivers/orders/partition=3/00000000000000000500.mak.zst");
    }

    @Test
    void theFirstLifeKeepsItsKeysAndLaterLivesAndSegmentsGetTheTopicIdAsAFolder() {
        ObjectKeys keys = ObjectKeys.of("default", "g", Compression.GZIP);
        assertThat(keys.keyFor(FACTS, Life.UNKNOWN, RECORDED)).as("written before ids were known").isEqualTo("orders/3/00000000000000000500.mak.gz");
        assertThat(keys.keyFor(FACTS, Life.of(LATER), RECORDED)).isEqualTo("orders/" + LATER + "/3/00000000000000000500.mak.gz");
        assertThat(keys.keyFor(FACTS, Life.of(FIRST).nextSegment(), RECORDED)).as("after a truncation")
                .isEqualTo("orders/" + FIRST + ".1/3/00000000000000000500.mak.gz");
        assertThat(keys.keyFor(FACTS, Life.UNKNOWN.nextSegment(), RECORDED)).isEqualTo("orders/AAAAAAAAAAAAAAAAAAAAAA.1/3/00000000000000000500.mak.gz");
        assertThat(ObjectKeys.of("kafkatos3", "g", Compression.GZIP).keyFor(FACTS, Life.of(LATER), RECORDED))
                .isEqualTo("kafkatos3/orders/" + LATER + "/3/orders-3_500-1500_160811.mak.gz");
        assertThat(ObjectKeys.of("bifrost", "archivers", Compression.ZSTD).keyFor(FACTS, Life.of(LATER), RECORDED))
                .isEqualTo("archivers/orders/" + LATER + "/partition=3/00000000000000000500.mak.zst");
    }

    @Test
    void theBucketIsAskedForTheFirstLifeOnlyWhenTheKeyDependsOnIt() {
        List<String> asked = new ArrayList<>();
        ObjectKeys.FirstLives recording = (topic, id) -> asked.add(topic + " " + id);
        ObjectKeys.of("default", "g", Compression.GZIP).keyFor(FACTS, Life.of(FIRST), recording);
        ObjectKeys.of("default", "g", Compression.GZIP).keyFor(FACTS, Life.UNKNOWN, recording);
        ObjectKeys.of("default", "g", Compression.GZIP).keyFor(FACTS, Life.of(FIRST).nextSegment(), recording);
        ObjectKeys.of("{topic}/{topic_id}/{partition}/{start}", "g", Compression.GZIP).keyFor(FACTS, Life.of(FIRST), recording);
        assertThat(asked).containsExactly("orders " + FIRST);
    }

    @Test
    void aTemplateWithTheTopicIdHasItInEveryLifeAndOneWithoutGetsItAsAFolder() {
        ObjectKeys withId = ObjectKeys.of("{topic_id}/{topic}-{partition}/{start}{ext}", "g", Compression.NONE);
        assertThat(key(withId, FACTS)).isEqualTo(FIRST + "/orders-3/00000000000000000500.mak");
        assertThat(withId.keyFor(FACTS, Life.of(LATER), RECORDED)).isEqualTo(LATER + "/orders-3/00000000000000000500.mak");
        assertThat(ObjectKeys.laterLives("raw/{topic}-{partition}/{start}")).isEqualTo("raw/{topic}-{partition}/{topic_id}/{start}");
        assertThat(ObjectKeys.laterLives("{topic}_{partition}_{start}.mak")).as("no folder").isEqualTo("{topic_id}/{topic}_{partition}_{start}.mak");
        assertThat(ObjectKeys.laterLives("{group}/{topic}/{partition}/{topic}-{start}")).isEqualTo("{group}/{topic}/{topic_id}/{partition}/{topic}-{start}");
    }

    @Test
    void templatesAreChecked() {
        assertThat(key(ObjectKeys.of("raw/{topic}/{partition}/{start}-{end}.{format}{ext}", "g", Compression.NONE), FACTS))
                .isEqualTo("raw/orders/3/00000000000000000500-00000000000000001500.mak2.mak");
        assertThatThrownBy(() -> ObjectKeys.of("{topic}/{partiton}/{start}", "g", Compression.GZIP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown placeholder {partiton}");
        assertThatThrownBy(() -> ObjectKeys.of("{topic}/{start}", "g", Compression.GZIP))
                .hasMessageContaining("must contain {topic}, {partition} and {start}");
    }

    @Test
    void dateAndHourAreOfTheFirstRecordsOwnTimestampInUtcNotOfTheFileStart() {
        ObjectKeys hive = ObjectKeys.of("{topic}/date={date}/hour={hour}/{partition}-{start}{ext}", "g", Compression.GZIP);
        // The file was started (wall clock) on 2016-08-11 at 10:00; its first record is of 2026-12-31 23:59:59.999 UTC.
        long firstRecord = Instant.parse("2026-12-31T23:59:59.999Z").toEpochMilli();
        ArchiveFacts facts = new ArchiveFacts(MakVersion.V2, FACTS.header(), new MakSummary(3, 500, 502, firstRecord - 5, firstRecord), firstRecord);
        assertThat(key(hive, facts)).isEqualTo("orders/date=2026-12-31/hour=23/3-00000000000000000500.mak.gz");
        assertThat(hive.keyFor(facts, Life.of(LATER), RECORDED)).as("a later life: the id after the topic's folder")
                .isEqualTo("orders/" + LATER + "/date=2026-12-31/hour=23/3-00000000000000000500.mak.gz");
        assertThat(hive.uses("hour")).isTrue();
        assertThat(hive.uses("date")).isTrue();
        assertThat(ObjectKeys.of("default", "g", Compression.GZIP).uses("date")).isFalse();
    }

    @Test
    void aFileWhoseFirstRecordHasNoTimestampIsOfTheEpochsBucket() {
        ObjectKeys hive = ObjectKeys.of("{topic}/{date}/{hour}/{partition}/{start}", "g", Compression.NONE);
        ArchiveFacts untimed = new ArchiveFacts(MakVersion.V2, FACTS.header(), new MakSummary(1, 500, 500, -1, -1), -1);
        assertThat(key(hive, untimed)).isEqualTo("orders/1970-01-01/00/3/00000000000000000500");
    }
}
