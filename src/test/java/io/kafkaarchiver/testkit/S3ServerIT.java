package io.kafkaarchiver.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import static org.assertj.core.api.Assertions.assertThat;

/** The test S3 server speaks the real S3 API to the real AWS SDK, multipart uploads included, and keeps objects over a restart. */
@ExtendWith(ArchiveTestEnvironment.class)
class S3ServerIT {

    @Test
    void multipartUploadRoundTripsAndSurvivesARestart(TestEnv env) throws Exception {
        var s3 = env.s3Client();
        byte[] data = new byte[11 * 1024 * 1024 + 123];
        new Random(7).nextBytes(data);
        String key = "multi/part.bin";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(env.bucket()).key(key)).uploadId();
        int partSize = 5 * 1024 * 1024;
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1, from = 0; from < data.length; n++, from += partSize) {
            int length = Math.min(partSize, data.length - from);
            int part = n;
            int start = from;
            String etag = s3.uploadPart(b -> b.bucket(env.bucket()).key(key).uploadId(uploadId).partNumber(part),
                    RequestBody.fromBytes(java.util.Arrays.copyOfRange(data, start, start + length))).eTag();
            parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
        }
        assertThat(parts).hasSize(3);
        s3.completeMultipartUpload(b -> b.bucket(env.bucket()).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(env.bucket()).key(key)).asByteArray()).isEqualTo(data);

        env.s3().stop();
        env.s3().restart();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(env.bucket()).key(key)).asByteArray()).isEqualTo(data);
    }
}
