package io.kafkaarchiver.routes;

import io.kafkaarchiver.archive.Stage;
import io.kafkaarchiver.archive.WorkFile;
import io.kafkaarchiver.demo.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** archive-compress and archive-rotate: a file whose object cannot be made now is made on a later round. */
class CompressRouteTest extends ArchiveRoutesTestSupport {

    @Test
    void aFileWhoseObjectCannotBeMadeStaysAndIsCompressedOnTheNextRound() throws Exception {
        MockEndpoint upload = uploadStageOf("archive-compress");
        startRoutes();
        WorkFile rotated = rotatedFile(0);
        // Where objects are put together is not a folder any more: making the object fails, as on a full disk.
        Path compressing = work().resolve("compressing");
        Files.delete(compressing);
        Files.createFile(compressing);
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("archive-compress").whenDone(1).create();

        template.sendBody("seda:archive-compress", rotated);

        assertThat(failed.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(upload.getReceivedCounter()).as("no object for the upload stage").isZero();
        assertThat(waiting(Stage.ROTATED)).as("the file waits where it was").isEqualTo(1);

        upload.expectedMessageCount(1);
        Files.delete(compressing);
        Files.createDirectory(compressing);

        // archive-rotate takes it up on its next round (archive.rotate.check-interval), with nothing else sent.
        upload.assertIsSatisfied();
        WorkFile object = upload.getExchanges().get(0).getMessage().getBody(WorkFile.class);
        assertThat(object).isEqualTo(rotated.in(Stage.UPLOAD, object.compression()));
        Deadline.await("the object in upload/", Duration.ofSeconds(5), () -> waiting(Stage.UPLOAD) == 1 && waiting(Stage.ROTATED) == 0);
    }
}
