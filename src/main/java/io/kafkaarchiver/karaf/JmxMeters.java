package io.kafkaarchiver.karaf;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.ReflectionException;

/**
 * The archiver's meters as the attributes of one MBean, named and valued as Prometheus would scrape them
 * ({@code kafka_archiver_partition_lag_records{topic="orders",partition="0"}}), read when asked.
 */
final class JmxMeters implements DynamicMBean {

    private final PrometheusRegistry registry;

    /**
     * Read from the Prometheus registry rather than through a Micrometer JMX registry: the figures per partition are
     * a Prometheus collector of their own (ArchiveMetrics), not Micrometer meters.
     */
    JmxMeters(PrometheusRegistry registry) {
        this.registry = registry;
    }

    static ObjectName objectName(String contextName) throws MalformedObjectNameException {
        return new ObjectName("io.kafkaarchiver:type=meters,name=" + ObjectName.quote(contextName));
    }

    /** Attribute name to value and help, counters and gauges only: the archiver keeps no histograms or summaries. */
    private Map<String, Reading> readings() {
        Map<String, Reading> readings = new LinkedHashMap<>();
        for (MetricSnapshot snapshot : registry.scrape()) {
            String name = snapshot.getMetadata().getPrometheusName();
            String help = snapshot.getMetadata().getHelp();
            if (snapshot instanceof CounterSnapshot counter) {
                counter.getDataPoints().forEach(p -> readings.put(name + "_total" + labels(p), new Reading(p.getValue(), help)));
            } else if (snapshot instanceof GaugeSnapshot gauge) {
                gauge.getDataPoints().forEach(p -> readings.put(name + labels(p), new Reading(p.getValue(), help)));
            }
        }
        return readings;
    }

    private static String labels(DataPointSnapshot point) {
        if (point.getLabels().isEmpty()) {
            return "";
        }
        StringJoiner labels = new StringJoiner(",", "{", "}");
        for (Label label : point.getLabels()) {
            labels.add(label.getName() + "=\"" + label.getValue() + "\"");
        }
        return labels.toString();
    }

    private record Reading(double value, String help) {
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Reading reading = readings().get(attribute);
        if (reading == null) {
            throw new AttributeNotFoundException(attribute + ": no such meter (now)");
        }
        return reading.value();
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, Reading> readings = readings();
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            Reading reading = readings.get(attribute);
            if (reading != null) {
                list.add(new Attribute(attribute, reading.value()));
            }
        }
        return list;
    }

    /** The meters there are now: partitions come and go with the group's assignment. */
    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanAttributeInfo[] attributes = readings().entrySet().stream()
                .map(e -> new MBeanAttributeInfo(e.getKey(), "double", e.getValue().help(), true, false, false))
                .toArray(MBeanAttributeInfo[]::new);
        return new MBeanInfo(JmxMeters.class.getName(), "kafka-archiver's meters, as Prometheus names them", attributes,
                null, new MBeanOperationInfo[0], null);
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + ": the meters are read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "the meters have no operations");
    }
}
