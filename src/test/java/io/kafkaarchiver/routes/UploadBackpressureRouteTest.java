package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.demo.Deadline;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage never reaches the consumer: the queues between stages never fill, and uploads waiting to be
 * retried wait on a timer, not on the upload stage's threads.
 */
class UploadBackpressureRouteTest extends ArchiveRoutesTestSupport {

    /** More objects than archive-upload has threads. */
    private static final int OBJECTS = 20;

    @Override
    Map<String, String> settings() {
        // A retry is due only long after the test: a thread that slept through it would hold its object that long.
        return Map.of("archive.upload.initial-delay", "1h", "archive.upload.max-delay", "1h");
    }

    @Test
    void whileS3IsDownEveryObjectIsTriedAndNoThreadSleepsThroughItsBackoff() throws Exception {
        AdviceWith.adviceWith(context, "archive-put", a -> a.weaveByToString("process[ref:uploadRequest]").before().to("mock:attempt"));
        startRoutes();
        context.getShutdownStrategy().setTimeout(1);
        MockEndpoint attempts = getMockEndpoint("mock:attempt");
        for (int i = 0; i < OBJECTS; i++) {
            WorkFile object = objectAwaitingUpload((long) i * FILE_RECORDS);
            template.sendBody("seda:archive-upload", object);
        }

        Deadline.await("a first attempt of each of the " + OBJECTS + " objects, with 8 upload threads", Duration.ofSeconds(20),
                () -> attempts.getReceivedCounter() >= OBJECTS);
        assertThat(attempts.getReceivedCounter()).as("no second attempt before its backoff").isEqualTo(OBJECTS);
    }

    @Test
    void theQueuesBetweenStagesNeverFillSoNoStageWaitsToHandOnItsWork() throws Exception {
        startRoutes();

        for (String queue : new String[] {"seda:archive-compress", "seda:archive-upload"}) {
            SedaEndpoint endpoint = context.getEndpoint(queue, SedaEndpoint.class);
            assertThat(endpoint.getQueue().remainingCapacity()).as(queue).isEqualTo(Integer.MAX_VALUE);
        }
    }
}
