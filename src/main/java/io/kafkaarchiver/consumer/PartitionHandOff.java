package io.kafkaarchiver.consumer;

import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions leaving this instance (a rebalance, a shutdown): their files are completed and put in S3
 * through the {@code archive-handoff} route before they go, so their offsets are committed and the
 * next owner starts after them instead of archiving them again. Runs on the consumer's thread, inside
 * the rebalance; what cannot be uploaded now stays on disk for the next round of {@code archive-rotate}.
 * The route file declares it, so Camel gives it the CamelContext the route runs in.
 */
public final class PartitionHandOff implements CamelContextAware {

    /** Where the hand-off route listens. */
    public static final String ENDPOINT = "direct:archive-handoff";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionHandOff.class);

    private CamelContext camelContext;
    private ProducerTemplate template;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * The CamelContext the routes run in, as Camel gave it.
     *
     * @throws IllegalStateException when Camel has not given it one: partitions would leave with their files unarchived
     */
    CamelContext requireCamelContext() {
        if (camelContext == null) {
            throw new IllegalStateException("the bean partitionHandOff (" + PartitionHandOff.class.getName() + ") has no CamelContext, "
                    + "so partitions leaving this instance would not have their files put in the store first: let Camel make it, "
                    + "in the route file's beans as routes/archive.camel.yaml does");
        }
        return camelContext;
    }

    void handOff(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            if (template == null) {
                template = requireCamelContext().createProducerTemplate();
            }
            template.sendBody(ENDPOINT, List.copyOf(partitions));
        } catch (RuntimeException e) {
            LOG.warn("Could not hand off {} before they left; their files are uploaded on the next round: {}", partitions, e.toString());
        }
    }
}
