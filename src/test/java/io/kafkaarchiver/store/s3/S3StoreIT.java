package io.kafkaarchiver.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.ArchiveStoreContract;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on the S3 server the build starts (S3Proxy), each test in a bucket of its own. */
@ExtendWith(ArchiveTestEnvironment.class)
class S3StoreIT extends ArchiveStoreContract {

    private final TestEnv env;

    S3StoreIT(TestEnv env) {
        this.env = env;
    }

    @Override
    protected ArchiveStore emptyStore() {
        return new S3Store(env.s3().newClient(), new S3Address(env.bucket(), env.s3().endpoint().toString(), "us-east-1", true), "", "",
                partSize(), ConditionalWrites.S3);
    }

    @Override
    protected long partSize() {
        return TestEnv.PART_SIZE;
    }

    @Test
    void aLargeObjectIsOneMultipartUploadAndAFailedOneLeavesNoParts() throws Exception {
        byte[] bytes = new byte[(int) (partSize() * 2 + 1)];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(temp.resolve("large"), bytes);
        store.put("t/large", file, Map.of(), new Precondition.CreateOnly());

        assertThat(env.s3Client().headObject(b -> b.bucket(env.bucket()).key("t/large")).eTag()).as("S3's ETag of a multipart upload")
                .matches("\"?[0-9a-f]+-3\"?");
        org.assertj.core.api.Assertions.catchThrowable(() -> store.put("t/large", file, Map.of(), new Precondition.CreateOnly()));
        assertThat(env.s3Client().listMultipartUploads(b -> b.bucket(env.bucket())).uploads()).as("the refused upload was aborted").isEmpty();
    }
}
