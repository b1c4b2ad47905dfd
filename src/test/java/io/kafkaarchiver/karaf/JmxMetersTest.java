package io.kafkaarchiver.karaf;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmxMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JmxMeters meters = new JmxMeters(registry.getPrometheusRegistry());

    @Test
    void micrometersMetersAndThePrometheusCollectorsFiguresAreAttributesNamedAsPrometheusScrapesThem() throws Exception {
        Counter.builder("kafka.archiver.records.written").description("Records written").register(registry).increment(3);
        Gauge.builder("kafka.archiver.files.waiting", () -> 2).tag("stage", "upload").register(registry);
        registry.getPrometheusRegistry().register((MultiCollector) () -> new MetricSnapshots(GaugeSnapshot.builder()
                .name("kafka_archiver_partition_lag_records").help("Records not in the store yet")
                .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("topic", "orders", "partition", "0")).value(7).build())
                .build()));

        assertThat(meters.getAttribute("kafka_archiver_records_written_total")).isEqualTo(3.0);
        assertThat(meters.getAttribute("kafka_archiver_files_waiting{stage=\"upload\"}")).isEqualTo(2.0);
        assertThat(meters.getAttribute("kafka_archiver_partition_lag_records{partition=\"0\",topic=\"orders\"}")).isEqualTo(7.0);
        assertThat(meters.getMBeanInfo().getAttributes())
                .extracting(MBeanAttributeInfo::getName, MBeanAttributeInfo::getType, MBeanAttributeInfo::getDescription)
                .contains(Tuple.tuple("kafka_archiver_records_written_total", "double", "Records written"));
    }

    @Test
    void aMeterThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> meters.getAttribute("kafka_archiver_partition_lag_records{partition=\"9\",topic=\"orders\"}"))
                .isInstanceOf(AttributeNotFoundException.class).hasMessageContaining("partition=\"9\"");
    }

    @Test
    void itIsNamedAfterTheCamelContext() throws Exception {
        assertThat(JmxMeters.objectName("kafka-archiver").toString()).isEqualTo("io.kafkaarchiver:type=meters,name=\"kafka-archiver\"");
    }
}
