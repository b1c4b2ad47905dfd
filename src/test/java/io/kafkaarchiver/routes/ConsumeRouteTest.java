package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.Archiver;
import io.kafkaarchiver.archive.CommitPoint;
import io.kafkaarchiver.consumer.ArchiveSubscribeAdapter;
import io.kafkaarchiver.consumer.PartitionHandOff;
import io.kafkaarchiver.demo.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * archive-consume on camel-kafka's own consumer, with Kafka an address where nothing listens: what the
 * archive's consumer needs from camel-kafka, and that it does not start without it.
 */
class ConsumeRouteTest extends ArchiveRoutesTestSupport {

    @Override
    public String getRouteFilterExcludePattern() {
        return "archive-topics,archive-groups";
    }

    /** camel-kafka has no hook before each poll: the duties ride on the poll(Duration) it calls, so this fails if it stops calling it. */
    @Test
    void camelKafkaPollsThroughTheArchivesConsumerWhichDoesItsDutiesFirst() throws Exception {
        Archiver archiver = archiver();
        archiver.assigned(ORDERS, Optional.empty(), CommitPoint.NONE);
        archiver.stall(ORDERS, 0, new IOException("No space left on device"));

        startRoutes();

        // A duty before each poll: a stalled partition this consumer does not own (with no broker, none) is let go.
        Deadline.await("the stall of " + ORDERS + " let go by the consumer's poll", Duration.ofSeconds(10),
                () -> !archiver.stalls().isStalled(ORDERS));
    }

    @Test
    void theConsumerDoesNotStartWithoutTheArchivesSubscribeHook() {
        context.getRegistry().unbind(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER);
        context.getRegistry().bind(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER, new DefaultSubscribeAdapter());

        assertThatThrownBy(this::startRoutes).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the bean subscribeAdapter is a "
                + DefaultSubscribeAdapter.class.getName() + ", not an " + ArchiveSubscribeAdapter.class.getName());
    }

    @Test
    void theConsumerDoesNotStartWithAHandOffCamelDidNotGiveItsContext() {
        context.getRegistry().lookupByNameAndType("partitionHandOff", PartitionHandOff.class).setCamelContext(null);

        assertThatThrownBy(this::startRoutes).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the bean partitionHandOff (" + PartitionHandOff.class.getName() + ") has no CamelContext");
    }
}
