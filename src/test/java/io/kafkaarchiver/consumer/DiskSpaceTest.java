package io.kafkaarchiver.consumer;

import io.kafkaarchiver.archive.StalledPartitions;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Below archive.min-free-disk every partition is paused while the consumer goes on polling; above it, they go on. */
class DiskSpaceTest {

    private static final List<TopicPartition> PARTITIONS = List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 1));

    @TempDir
    Path dir;

    @Test
    void aDiskShortOfTheMinimumPausesEveryPartition() {
        // No disk has this much free: short, whatever the machine.
        DiskSpace space = new DiskSpace(dir, Long.MAX_VALUE);
        MockConsumer<byte[], byte[]> consumer = consumer();

        space.applyTo(consumer, new StalledPartitions());

        assertThat(space.isLow()).isTrue();
        assertThat(consumer.paused()).containsExactlyInAnyOrderElementsOf(PARTITIONS);
    }

    @Test
    void aDiskWithRoomLeavesThemConsuming() {
        DiskSpace space = new DiskSpace(dir, 1);
        MockConsumer<byte[], byte[]> consumer = consumer();

        space.applyTo(consumer, new StalledPartitions());

        assertThat(space.isLow()).isFalse();
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void noMinimumNeverPauses() {
        DiskSpace space = new DiskSpace(dir, 0);
        MockConsumer<byte[], byte[]> consumer = consumer();

        space.applyTo(consumer, new StalledPartitions());

        assertThat(consumer.paused()).isEmpty();
    }

    private static MockConsumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.assign(PARTITIONS);
        return consumer;
    }
}
