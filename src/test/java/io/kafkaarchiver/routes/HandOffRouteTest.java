package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.consumer.PartitionHandOff;
import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** archive-handoff: the files of a partition leaving this instance, put in S3 before it goes, once each. */
class HandOffRouteTest extends ArchiveRoutesTestSupport {

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
}
