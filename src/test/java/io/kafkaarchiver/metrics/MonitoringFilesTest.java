package io.kafkaarchiver.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.archive.LifeWatch;
import io.kafkaarchiver.archive.RotationPolicy;
import io.kafkaarchiver.archive.StoreStanding;
import io.kafkaarchiver.archive.WorkDir;
import io.kafkaarchiver.mak.Compression;
import io.kafkaarchiver.mak.MakVersion;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert rules and the dashboard we ship name only metrics the archiver exports, under their exported names. */
class MonitoringFilesTest {

    private static final Pattern METRIC = Pattern.compile("kafka_archiver_[a-z_]+");

    @TempDir
    Path dir;

    @Test
    void everyMetricTheAlertRulesNameIsExported() throws Exception {
        List<String> expressions = new ArrayList<>();
        Object rules = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of("docs", "alerts.yaml")));
        collect(rules, "expr", expressions);
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
        assertThat(metricsIn(expressions)).isNotEmpty().isSubsetOf(exported())
                .contains("kafka_archiver_partition_lag_records", "kafka_archiver_oldest_unarchived_seconds");
    }

    @Test
    void everyMetricTheDashboardNamesIsExported() throws Exception {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs", "grafana-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        assertThat(dashboard.path("panels").size()).isPositive();
        assertThat(metricsIn(expressions)).isNotEmpty().isSubsetOf(exported())
                .contains("kafka_archiver_partition_lag_records", "kafka_archiver_files_waiting");
    }

    /** The names a scrape of the archiver's registry shows, with a partition assigned. */
    private Set<String> exported() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LifeCounters lives = new LifeCounters(registry);
        Archiver archiver = Archiver.open(WorkDir.open(dir), MakVersion.V2, new RotationPolicy(Duration.ofMinutes(1), 1 << 20, 100),
                Compression.GZIP, Duration.ofMinutes(10), Clock.systemUTC(), new LifeWatch() {
                    @Override
                    public Optional<String> topicIdNow(String topic) {
                        return Optional.empty();
                    }

                    @Override
                    public void watching(TopicPartition tp) {
                        lives.watching(tp);
                    }
                });
        TopicPartition assigned = new TopicPartition("orders", 0);
        new ArchiveMetrics(registry, archiver.ledger(), archiver.stalls(), lives, new StoreStanding(Clock.systemUTC()), Clock.systemUTC())
                .assigned(List.of(assigned));
        archiver.assigned(assigned, Optional.empty(), CommitPoint.NONE);
        Set<String> names = new TreeSet<>();
        registry.scrape().lines().filter(l -> !l.startsWith("#")).forEach(l -> names.add(l.split("[{ ]")[0]));
        return names;
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = METRIC.matcher(e);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static void collect(Object node, String key, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k)) {
                    into.add(String.valueOf(v));
                } else {
                    collect(v, key, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, key, into));
        }
    }
}
