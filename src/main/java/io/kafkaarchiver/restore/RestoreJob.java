package io.kafkaarchiver.restore;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.config.StoredArchive;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingValues;
import io.kafkaarchiver.topics.SnapshotStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore inside a Camel runtime, as {@code routes/restore/restore.camel.yaml} declares it: the
 * {@code restore.*} settings arrive through the bean's properties, the archive and the cluster come
 * from the runtime's store settings ({@code archive.store}, {@code s3.*} or {@code file.*}) and {@code kafka.*} settings, and the work is the {@link Restorer}'s,
 * as for the {@code restore} command. Progress and notices go to the log.
 */
public final class RestoreJob implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreJob.class);

    private CamelContext camelContext;
    private String topic;
    private String topicId = "";
    private String targetTopic = "";
    private String partitions = "";
    private String fromOffset = "";
    private String toOffset = "";
    private String from = "";
    private String to = "";
    private long maxRate;
    private boolean force;
    private String offsetMap = "";
    private String groups = "";
    private boolean allGroups;
    private String replicationFactor = "";

    /** The target topic's configuration overrides: {@code restore.config.<key> = <value>}. */
    public static final String CONFIG_PREFIX = "restore.config.";

    /** Restores; returns a one-line summary. */
    public String run() throws Exception {
        Properties settings = camelContext.getPropertiesComponent().loadProperties();
        StoredArchive archive = StoredArchive.from(settings);
        RestoreRequest request = RestoreRequest.of(topic, targetTopic, partitionSet(), RestoreWindow.of(offset("from-offset", fromOffset),
                offset("to-offset", toOffset), instant("from", from), instant("to", to)), maxRate, force,
                offsetMap.isBlank() ? null : Path.of(offsetMap.trim()))
                .with(TopicOverrides.of(replicationFactor(), configs(settings)), GroupChoice.of(Arrays.asList(groups.split(",")), allGroups))
                .ofLife(topicId);
        try (ArchiveStore store = archive.open()) {
            Manifest manifest = archive.manifest(store);
            Restorer restorer = new Restorer(store, new ArchiveCatalog(store, manifest), new SnapshotStore(store, manifest),
                    KafkaConnection.from(settings), ArchivedTopics.from(settings), LOG::info);
            RestoreResult result = restorer.restore(restorer.prepare(request), Progress.inLines(LOG::info, System::nanoTime));
            return String.format(Locale.ROOT, "restored %d records from %s into %s in %.1f s (%d found already written); offset map: %s%s",
                    result.records(), request.sourceTopic(), request.targetTopic(), result.seconds(), result.found(), result.offsetMap(),
                    result.groupPositions().stream().map(p -> "; moved consumer group " + p.describe(request.targetTopic()))
                            .collect(Collectors.joining()));
        }
    }

    private static Map<String, String> configs(Properties settings) {
        Map<String, String> configs = new TreeMap<>();
        settings.stringPropertyNames().stream().filter(k -> k.startsWith(CONFIG_PREFIX))
                .forEach(k -> configs.put(k.substring(CONFIG_PREFIX.length()), settings.getProperty(k).trim()));
        return configs;
    }

    private Integer replicationFactor() {
        try {
            return replicationFactor.isBlank() ? null : Integer.valueOf(replicationFactor.trim());
        } catch (NumberFormatException e) {
            throw RestoreException.badRequest("restore.replication-factor: '" + replicationFactor + "' is not a number");
        }
    }

    private Set<Integer> partitionSet() {
        try {
            return Arrays.stream(partitions.split(",")).map(String::trim).filter(p -> !p.isEmpty()).map(Integer::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw RestoreException.badRequest("restore.partitions: '" + partitions + "' is not a comma list of partition numbers");
        }
    }

    private static Long offset(String name, String value) {
        try {
            return value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw RestoreException.badRequest("restore." + name + ": '" + value + "' is not an offset");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return value.isBlank() ? null : SettingValues.instant(value);
        } catch (IllegalArgumentException e) {
            throw RestoreException.badRequest("restore." + name + ": " + e.getMessage());
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setTopicId(String topicId) {
        this.topicId = topicId;
    }

    public void setTargetTopic(String targetTopic) {
        this.targetTopic = targetTopic;
    }

    public void setPartitions(String partitions) {
        this.partitions = partitions;
    }

    public void setFromOffset(String fromOffset) {
        this.fromOffset = fromOffset;
    }

    public void setToOffset(String toOffset) {
        this.toOffset = toOffset;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public void setMaxRate(long maxRate) {
        this.maxRate = maxRate;
    }

    public void setForce(boolean force) {
        this.force = force;
    }

    public void setOffsetMap(String offsetMap) {
        this.offsetMap = offsetMap;
    }

    public void setGroups(String groups) {
        this.groups = groups;
    }

    public void setAllGroups(boolean allGroups) {
        this.allGroups = allGroups;
    }

    public void setReplicationFactor(String replicationFactor) {
        this.replicationFactor = replicationFactor;
    }
}
