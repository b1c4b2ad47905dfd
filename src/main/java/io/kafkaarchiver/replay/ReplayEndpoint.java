package io.kafkaarchiver.replay;

import io.kafkaarchiver.config.SettingValues;
import io.kafkaarchiver.restore.RateLimit;
import io.kafkaarchiver.restore.RestoreWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code kafka-archive:<topic>?options}: which records of an archived topic a route is given (a window by time
 * or by offsets, partitions, a life of the topic), how fast, and where the replay keeps its checkpoint.
 */
public final class ReplayEndpoint extends DefaultEndpoint {

    private final String topic;
    private String from = "";
    private String to = "";
    private Long fromOffset;
    private Long toOffset;
    private String partitions = "";
    private String topicId = "";
    private long maxRate;
    private String checkpoint = "";
    private int checkpointEvery = 1000;
    private long checkpointInterval = 5000;
    private boolean stopWhenDone;

    ReplayEndpoint(String uri, ReplayComponent component, String topic) {
        super(uri, component);
        this.topic = topic;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ReplayConsumer consumer = new ReplayConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + ": the archive is read only; replay it with from(), not to()");
    }

    @Override
    public ReplayComponent getComponent() {
        return (ReplayComponent) super.getComponent();
    }

    String topic() {
        return topic;
    }

    /** The records asked for; a bad bound is an error naming the option. */
    RestoreWindow window() {
        return RestoreWindow.of(fromOffset, toOffset, instant("from", from), instant("to", to));
    }

    Set<Integer> partitionSet() {
        try {
            return Arrays.stream(partitions.split(",")).map(String::trim).filter(p -> !p.isEmpty()).map(Integer::valueOf)
                    .collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kafka-archive option partitions: '" + partitions + "' is not a comma list of partition numbers");
        }
    }

    Optional<String> life() {
        return topicId.isBlank() ? Optional.empty() : Optional.of(topicId.trim());
    }

    RateLimit rateLimit() {
        return RateLimit.perSecond(maxRate);
    }

    /** Where the checkpoint is kept; empty: none, every start replays the whole window. */
    Optional<Path> checkpointFile() {
        return checkpoint.isBlank() ? Optional.empty() : Optional.of(Path.of(checkpoint.trim()));
    }

    int checkpointEveryRecords() {
        return checkpointEvery;
    }

    Duration checkpointEveryInterval() {
        return Duration.ofMillis(checkpointInterval);
    }

    boolean stopsWhenDone() {
        return stopWhenDone;
    }

    private static Instant instant(String option, String value) {
        try {
            return value.isBlank() ? null : SettingValues.instant(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kafka-archive option " + option + ": " + e.getMessage(), e);
        }
    }

    /** Records timestamped at or after this time (ISO-8601 as {@code 2026-11-01T00:00:00Z}, {@code 2026-11-01}, or epoch ms). */
    public void setFrom(String from) {
        this.from = from;
    }

    /** Records timestamped before this time (excluded). */
    public void setTo(String to) {
        this.to = to;
    }

    /** The first offset replayed in each partition. */
    public void setFromOffset(Long fromOffset) {
        this.fromOffset = fromOffset;
    }

    /** The last offset replayed in each partition (included). */
    public void setToOffset(Long toOffset) {
        this.toOffset = toOffset;
    }

    /** Only these partitions (a comma list); empty: all the archive has. */
    public void setPartitions(String partitions) {
        this.partitions = partitions;
    }

    /** Which life of the topic (its topic id, as {@code ls} shows it); empty: the latest the archive holds. */
    public void setTopicId(String topicId) {
        this.topicId = topicId;
    }

    /** At most so many records a second; 0: as fast as the route takes them. */
    public void setMaxRate(long maxRate) {
        if (maxRate < 0) {
            throw new IllegalArgumentException("kafka-archive option maxRate: " + maxRate + " is negative");
        }
        this.maxRate = maxRate;
    }

    /** The checkpoint file: per partition, the next offset not yet completed by the route. */
    public void setCheckpoint(String checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Write the checkpoint after so many completed records (and at stop). */
    public void setCheckpointEvery(int checkpointEvery) {
        this.checkpointEvery = Math.max(1, checkpointEvery);
    }

    /** Write the checkpoint at least this often, in milliseconds, while records complete. */
    public void setCheckpointInterval(long checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    /** Stop the route once the window is replayed. */
    public void setStopWhenDone(boolean stopWhenDone) {
        this.stopWhenDone = stopWhenDone;
    }
}
