package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.consumer.PartitionHandOff;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.upload.UploadRequest;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static io.kafkaarchiver.config.ArchiveConfiguration.HAND_OFF_THREADS;
import static org.assertj.core.api.Assertions.assertThat;

/** archive-handoff: the files of a partition leaving this instance, put in S3 before it goes, once each, within a budget. */
class HandOffRouteTest extends ArchiveRoutesTestSupport {

    @Override
    Map<String, String> settings() {
        return Map.of("archive.handoff.budget", "1s");
    }

    @Test
    void aHandOffWhoseUploadFailsReturnsAtOnceAndLeavesTheObjectToTheUploadStage() throws Exception {
        MockEndpoint upload = uploadStageOf("archive-handoff");
        startRoutes();
        WorkFile object = objectAwaitingUpload(0);
        upload.expectedBodiesReceived(object);
        MockEndpoint put = getMockEndpoint(PUT);
        put.expectedMessageCount(0);

        // As the consumer's thread does in a rebalance: S3, where nothing listens, fails the upload at once.
        template.sendBody(PartitionHandOff.ENDPOINT, List.of(ORDERS));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(waiting(Stage.UPLOAD)).as("still waiting for its upload").isEqualTo(1);
        assertThat(archiver().ledger().committable(ORDERS).offset()).as("nothing past it may be committed").isZero();
    }

    @Test
    void aFailedPutIsLoggedByTheFilesNameNeverByReadingTheObject() throws Exception {
        MockEndpoint upload = uploadStageOf("archive-handoff");
        // The put fails with the body already the object's java.io.File, and that file gone: logging the body would
        // read it (Camel's File-to-String conversion) and throw out of the catch.
        AdviceWith.adviceWith(context, "archive-put", a -> a.weaveByToString("process[ref:uploadRequest]").replace()
                .setProperty(UploadRequest.FILE, a.body())
                .setBody(a.constant(new File(dir.toFile(), "gone.mak.gz")))
                .throwException(new IllegalStateException("S3 answered 503")));
        startRoutes();
        WorkFile object = objectAwaitingUpload(0);
        upload.expectedBodiesReceived(object);

        template.sendBody(PartitionHandOff.ENDPOINT, List.of(ORDERS));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aHandOffReturnsWithinItsBudgetWhileS3HangsAndNothingUnarchivedIsCommitted() throws Exception {
        CountDownLatch s3Hangs = new CountDownLatch(1);
        MockEndpoint put = startWithPutsThatWaitFor(s3Hangs);
        objectAwaitingUpload(0);
        objectAwaitingUpload(FILE_RECORDS);

        try {
            template.sendBody(PartitionHandOff.ENDPOINT, List.of(ORDERS));

            assertThat(s3Hangs.getCount()).as("the hand-off returned while S3 still hung").isOne();
            assertThat(archiver().ledger().committable(ORDERS).offset()).as("nothing past the files not in S3").isZero();
        } finally {
            s3Hangs.countDown();
        }
        // The puts under way end in S3 all the same, and their files are archived.
        Deadline.await("both files archived once S3 answers", Duration.ofSeconds(10), () -> waiting(Stage.UPLOAD) == 0);
        assertThat(put.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void tasksBegunAfterTheBudgetLeaveTheirFilesToTheStages() throws Exception {
        CountDownLatch s3Hangs = new CountDownLatch(1);
        MockEndpoint put = startWithPutsThatWaitFor(s3Hangs);
        // More files than the hand-off has threads: those beyond wait for a thread, and get one after the budget.
        int files = HAND_OFF_THREADS + 4;
        for (int i = 0; i < files; i++) {
            objectAwaitingUpload((long) i * FILE_RECORDS);
        }

        try {
            template.sendBody(PartitionHandOff.ENDPOINT, List.of(ORDERS));
        } finally {
            s3Hangs.countDown();
        }

        Deadline.await("the puts under way done", Duration.ofSeconds(10), () -> waiting(Stage.UPLOAD) == files - HAND_OFF_THREADS);
        assertThat(put.getReceivedCounter()).as("no put begun after the budget").isEqualTo(HAND_OFF_THREADS);
    }

    @Test
    void filesTheHandOffDidNotGetToGoToTheStagesAndReachS3() throws Exception {
        CountDownLatch s3Hangs = new CountDownLatch(1);
        MockEndpoint put = startWithPutsThatWaitFor(s3Hangs);
        int files = HAND_OFF_THREADS + 4;
        for (int i = 0; i < files; i++) {
            rotatedFile((long) i * FILE_RECORDS);
        }

        try {
            template.sendBody(PartitionHandOff.ENDPOINT, List.of(ORDERS));
        } finally {
            s3Hangs.countDown();
        }

        Deadline.await("every file in S3, those the hand-off left through the stages", Duration.ofSeconds(20),
                () -> waiting(Stage.ROTATED) + waiting(Stage.UPLOAD) == 0);
        assertThat(put.getReceivedCounter()).isEqualTo(files);
        assertThat(archiver().ledger().committable(ORDERS).offset()).isEqualTo((long) files * FILE_RECORDS);
    }

    /** Starts the routes with S3 replaced by a put that waits for {@code s3Hangs}, and every key empty. */
    private MockEndpoint startWithPutsThatWaitFor(CountDownLatch s3Hangs) throws Exception {
        AdviceWith.adviceWith(context, "archive-put", a -> {
            a.weaveByToString("process[ref:uploadRequest]").replace()
                    .setProperty(UploadRequest.FILE, a.body())
                    .setHeader(UploadRequest.KEY, a.simple("${body}"))
                    .setHeader(UploadRequest.SIZE, a.constant(1L))
                    .setHeader(UploadRequest.ALREADY_ARCHIVED, a.constant(false));
            a.weaveByToString("process[ref:manifestRecorder]").replace().to("mock:manifest");
        });
        startRoutes();
        MockEndpoint put = getMockEndpoint(PUT);
        put.whenAnyExchangeReceived((Exchange e) -> s3Hangs.await());
        return put;
    }
}
