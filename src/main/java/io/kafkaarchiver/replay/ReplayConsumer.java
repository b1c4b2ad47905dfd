package io.kafkaarchiver.replay;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.restore.ArchiveReader;
import io.kafkaarchiver.restore.ChosenLife;
import io.kafkaarchiver.restore.ArchiveRecords;
import io.kafkaarchiver.restore.RateLimit;
import io.kafkaarchiver.restore.RestorePlan;
import io.kafkaarchiver.restore.RestorePlan.PartitionPlan;
import io.kafkaarchiver.restore.RestoreWindow;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the window one record at a time on a thread of its own, partition after partition in offset order.
 * Each exchange is processed to its end before the next is made, so the route's pace is the replay's (no queue
 * grows), and a record counts as done, in the checkpoint, only once the route has completed its exchange without
 * failure. A failed exchange stops the replay there: started again, it resumes at that record. Stopping lets the
 * exchange in flight complete, then writes the checkpoint.
 */
final class ReplayConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayConsumer.class);
    /** How long a stop waits for the exchange in flight: Camel's own default shutdown timeout. */
    private static final long STOP_WAIT_MILLIS = 45_000;

    private final ReplayEndpoint endpoint;
    private final KafkaMessages messages = new KafkaMessages();
    private volatile boolean stopping;
    private ExecutorService thread;
    private ReplayProgress progress;

    ReplayConsumer(ReplayEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Planned here, so that a topic or window the archive does not have fails the route's start, naming it.
        String topic = endpoint.topic();
        RestoreWindow window = endpoint.window();
        ArchiveReader reader = endpoint.getComponent().reader();
        ArchiveReader.Selection selection = reader.select(ChosenLife.Chooser.REPLAY, topic, endpoint.life(), Optional::empty, endpoint.partitionSet(), window,
                LOG::info);
        ReplayCheckpoint checkpoint = ReplayCheckpoint.open(endpoint.checkpointFile(),
                new ReplayCheckpoint.Replay(topic, selection.life().topicId().orElse(""), window),
                endpoint.checkpointEveryRecords(), endpoint.checkpointEveryInterval(), System::nanoTime);
        stopping = false;
        CamelContext camel = endpoint.getCamelContext();
        progress = new ReplayProgress(topic, LOG::info, System::nanoTime,
                camel.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class));
        thread = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "kafka-archive-replay[" + topic + "]");
        thread.execute(() -> replay(reader, selection.plan(), checkpoint, endpoint.rateLimit()));
    }

    @Override
    protected void doStop() throws Exception {
        stopping = true;
        if (thread != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(thread, STOP_WAIT_MILLIS);
            thread = null;
        }
        if (progress != null) {
            progress.close();
            progress = null;
        }
        super.doStop();
    }

    private void replay(ArchiveReader reader, RestorePlan plan, ReplayCheckpoint checkpoint, RateLimit rateLimit) {
        String topic = plan.topic();
        boolean done = false;
        try {
            done = replayAll(reader, plan, checkpoint, rateLimit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            getExceptionHandler().handleException("replay of " + topic + " failed; started again, it resumes after the last record "
                    + "the route completed", e);
        } finally {
            checkpoint.save();
        }
        if (done) {
            LOG.info("replay of {} done: {} records", topic, progress.records());
            if (endpoint.stopsWhenDone()) {
                stopRoute();
            }
        }
    }

    /** @return true when the whole window was replayed, false when stopped or failed before its end */
    private boolean replayAll(ArchiveReader reader, RestorePlan plan, ReplayCheckpoint checkpoint, RateLimit rateLimit) throws Exception {
        for (PartitionPlan p : plan.partitions()) {
            try (ArchiveRecords records = reader.records(p, plan.window(), checkpoint.nextOffset(p.partition(), plan.window().fromOffset()))) {
                for (MakRecord r = records.next(); r != null; r = records.next()) {
                    rateLimit.acquire();
                    if (stopping || !deliver(plan.topic(), p.partition(), r)) {
                        return false;
                    }
                    checkpoint.completed(p.partition(), r.offset());
                    progress.completed(p.partition(), r.offset());
                }
            }
        }
        return true;
    }

    /** @return whether the route completed the record's exchange without failure */
    private boolean deliver(String topic, int partition, MakRecord r) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            messages.fill(exchange, topic, partition, r);
            getProcessor().process(exchange);
            if (exchange.isFailed() || exchange.isRollbackOnly()) {
                getExceptionHandler().handleException("replay of " + topic + " stops at partition " + partition + " offset " + r.offset()
                        + ", which the route failed; started again, it resumes there", exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Stops the route from another thread: stopping waits for this one to end. */
    private void stopRoute() {
        CamelContext camel = endpoint.getCamelContext();
        camel.getExecutorServiceManager().newThread("kafka-archive-replay-done", () -> {
            try {
                camel.getRouteController().stopRoute(getRouteId());
            } catch (Exception e) {
                LOG.warn("could not stop route {} after its replay: {}", getRouteId(), e.getMessage());
            }
        }).start();
    }
}
