package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.metrics.ArchiveHealthCheck;
import io.kafkaarchiver.upload.UploadRequest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** archive-upload, archive-put and archive-quarantine: what the routes do with an object on its way to S3. */
class UploadRoutesTest extends ArchiveRoutesTestSupport {

    @Test
    void anUploadThatKeepsFailingIsRetriedThenQuarantinedAndToldToTheDeadLetterEndpoint() throws Exception {
        // Every attempt reaches S3, where nothing listens, through the real uploadRequest.
        AdviceWith.adviceWith(context, "archive-put", a -> a.weaveByToString("process[ref:uploadRequest]").before().to("mock:attempt"));
        startRoutes();
        MockEndpoint attempts = getMockEndpoint("mock:attempt");
        attempts.expectedMessageCount(3);
        MockEndpoint deadLetter = getMockEndpoint(DEAD_LETTER);
        deadLetter.expectedMessageCount(1);
        WorkFile object = objectAwaitingUpload(0);

        template.sendBody("seda:archive-upload", object);

        MockEndpoint.assertIsSatisfied(context);
        WorkFile quarantined = object.in(Stage.QUARANTINE, object.compression());
        assertThat(deadLetter.getExchanges().get(0).getMessage().getBody(String.class)).isEqualTo(quarantined.toString());
        assertThat(waiting(Stage.QUARANTINE)).isEqualTo(1);
        assertThat(waiting(Stage.UPLOAD)).isZero();
        assertThat(work().resolve(Stage.QUARANTINE.folder()).resolve(object.fileName())).exists();
    }

    @Test
    void anUploadTheStoreRefusesIsQuarantinedAfterOneAttemptWhileOneThatMeetsAnOutageIsRetried() throws Exception {
        WorkFile[] refused = new WorkFile[1];
        // The store answers one object's upload as it does once its bucket is deleted; the other's attempts reach S3,
        // where nothing listens (an outage), through the real uploadRequest.
        AdviceWith.adviceWith(context, "archive-put", a -> a.weaveByToString("process[ref:uploadRequest]").before().to("mock:attempt")
                .filter(e -> e.getMessage().getBody().equals(refused[0])).throwException(noSuchBucket()).end());
        startRoutes();
        MockEndpoint deadLetter = getMockEndpoint(DEAD_LETTER);
        deadLetter.expectedMessageCount(2);
        WorkFile outage = objectAwaitingUpload(0);
        refused[0] = objectAwaitingUpload(FILE_RECORDS);

        template.sendBody("seda:archive-upload", refused[0]);
        template.sendBody("seda:archive-upload", outage);

        deadLetter.assertIsSatisfied();
        assertThat(getMockEndpoint("mock:attempt").getExchanges().stream().collect(groupingBy(e -> e.getMessage().getBody(), counting())))
                .as("attempts per object").containsOnly(entry(refused[0], 1L), entry(outage, 3L));
        assertThat(waiting(Stage.QUARANTINE)).isEqualTo(2);
        HealthCheck.Result readiness = context.getRegistry().lookupByNameAndType("archiveHealth", ArchiveHealthCheck.class).call();
        assertThat(readiness.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(readiness.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("bad setting s3.bucket: no bucket "));
        assertThat(context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class).scrape())
                .contains("kafka_archiver_store_refusals_total{setting=\"s3.bucket\"} 1.0", "kafka_archiver_store_refused 1.0");
    }

    @Test
    void anObjectS3HoldsAlreadyIsNotPutAgainButItsFileIsArchived() throws Exception {
        WorkFile[] file = new WorkFile[1];
        AdviceWith.adviceWith(context, "archive-put", a -> {
            // S3's answer to the head request: an object under that key holds these offsets, or more.
            a.weaveByToString("process[ref:uploadRequest]").replace()
                    .setProperty(UploadRequest.FILE, a.body())
                    .setHeader(UploadRequest.KEY, a.constant("orders/0/00000000000000000000.mak.gz"))
                    .setHeader(UploadRequest.ALREADY_ARCHIVED, a.constant(true));
            a.weaveByToString("process[ref:manifestRecorder]").replace().to("mock:manifest");
        });
        startRoutes();
        getMockEndpoint(PUT).expectedMessageCount(0);
        getMockEndpoint("mock:manifest").expectedMessageCount(1);
        WorkFile object = objectAwaitingUpload(0);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("archive-upload").whenCompleted(1).create();

        template.sendBody("seda:archive-upload", object);

        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        MockEndpoint.assertIsSatisfied(context);
        assertThat(waiting(Stage.UPLOAD)).isZero();
        assertThat(Files.list(work().resolve(Stage.UPLOAD.folder()))).isEmpty();
        assertThat(archiver().ledger().committable(ORDERS).offset()).isEqualTo(FILE_RECORDS);
    }

    /** What S3 answers a put into a bucket that does not exist. */
    private static NoSuchBucketException noSuchBucket() {
        return (NoSuchBucketException) NoSuchBucketException.builder().statusCode(404).message("The specified bucket does not exist")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").errorMessage("The specified bucket does not exist").build())
                .build();
    }
}
