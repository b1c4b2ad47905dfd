package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectIdentity;
import io.kafkaarchiver.catalog.ObjectMetadata;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two writers on one key, on the S3 server the build starts: S3 lets one win ({@code If-None-Match: *},
 * {@code If-Match}), and the loser judges what won by its whole identity. Each race is played out in order:
 * one writer's check (the HEAD), the other's put, then the first one's put.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class ConditionalPutIT {

    private static final String LIFE = "Q4cTn0xXR8yq7d9bZbnTwg";
    private static final String KEY = "orders/3/00000000000000000000.mak.gz";

    @TempDir
    Path dir;

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void startCamel() {
        camel.start();
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void theServerRefusesACreateOnlyPutOfAKeyThatHoldsAnObject(TestEnv env) {
        env.s3Client().putObject(b -> b.bucket(env.bucket()).key(KEY), RequestBody.fromString("first"));

        assertThatThrownBy(() -> env.s3Client().putObject(b -> b.bucket(env.bucket()).key(KEY).ifNoneMatch("*"), RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(content(env)).isEqualTo("first".getBytes());
    }

    @Test
    void theServerRefusesAnIfMatchPutOnceTheObjectChanged(TestEnv env) {
        String seen = env.s3Client().putObject(b -> b.bucket(env.bucket()).key(KEY), RequestBody.fromString("first")).eTag();
        env.s3Client().putObject(b -> b.bucket(env.bucket()).key(KEY), RequestBody.fromString("changed"));

        assertThatThrownBy(() -> env.s3Client().putObject(b -> b.bucket(env.bucket()).key(KEY).ifMatch(seen), RequestBody.fromString("third")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(content(env)).isEqualTo("changed".getBytes());
    }

    @Test
    void aSecondWriterOfTheSameObjectIsRefusedByTheServerAndFindsItAlreadyArchived(TestEnv env) throws Exception {
        Writer first = new Writer(env, 0, 99, bytes(100, 1));
        Writer second = new Writer(env, 0, 99, bytes(100, 1));
        Exchange firstPut = first.check();
        Exchange secondPut = second.check();

        first.put(firstPut);
        second.put(secondPut);

        assertThat(secondPut.getMessage().getHeader(UploadRequest.ALREADY_ARCHIVED, Boolean.class)).isTrue();
        assertThat(secondPut.getProperty(UploadRequest.OBJECT, ArchivedObject.class).endOffset()).isEqualTo(99);
        assertThat(content(env)).isEqualTo(first.bytes);
    }

    @Test
    void aSmallerObjectNeverReplacesALargerOneEvenWhenItsCheckSawNone(TestEnv env) throws Exception {
        Writer smaller = new Writer(env, 0, 49, bytes(50, 2));
        Writer larger = new Writer(env, 0, 99, bytes(100, 3));
        Exchange smallerPut = smaller.check();
        assertThat(smallerPut.getMessage().getHeader(UploadRequest.ALREADY_ARCHIVED, Boolean.class)).as("the key held nothing").isFalse();

        larger.put(larger.check());
        smaller.put(smallerPut);

        assertThat(smallerPut.getMessage().getHeader(UploadRequest.ALREADY_ARCHIVED, Boolean.class)).isTrue();
        assertThat(smallerPut.getProperty(UploadRequest.OBJECT, ArchivedObject.class).endOffset()).as("what the manifest is told").isEqualTo(99);
        assertThat(content(env)).isEqualTo(larger.bytes);
    }

    @Test
    void replacingASmallerObjectAsksForTheOneItSawAndJudgesAgainWhenItChanged(TestEnv env) throws Exception {
        new Writer(env, 0, 49, bytes(50, 4)).put();
        Writer larger = new Writer(env, 0, 99, bytes(100, 5));
        Exchange largerPut = larger.check();
        String seen = largerPut.getMessage().getHeader(ObjectPut.REPLACES_VERSION, String.class);
        assertThat(seen).as("replaces only the object it saw").isNotNull();
        // Meanwhile another writer replaces it with another of fewer offsets: the put that asked for the one seen
        // is refused, judges the new one, and replaces that in turn.
        Writer meanwhile = new Writer(env, 0, 74, bytes(75, 6));
        meanwhile.put(meanwhile.check());
        assertThat(head(env).eTag()).isNotEqualTo(seen);

        larger.put(largerPut);

        assertThat(largerPut.getMessage().getHeader(UploadRequest.ALREADY_ARCHIVED, Boolean.class)).isFalse();
        assertThat(content(env)).isEqualTo(larger.bytes);
    }

    @Test
    void anObjectThatGrewWhileAReplacementWaitedIsKept(TestEnv env) throws Exception {
        new Writer(env, 0, 49, bytes(50, 7)).put();
        Writer replacement = new Writer(env, 0, 99, bytes(100, 8));
        Exchange replacementPut = replacement.check();
        Writer largest = new Writer(env, 0, 150, bytes(151, 9));
        largest.put(largest.check());

        replacement.put(replacementPut);

        assertThat(replacementPut.getMessage().getHeader(UploadRequest.ALREADY_ARCHIVED, Boolean.class)).isTrue();
        assertThat(content(env)).isEqualTo(largest.bytes);
    }

    @Test
    void aMultipartPutIsConditionalToo(TestEnv env) throws Exception {
        Writer smaller = new Writer(env, 0, 49, bytes((int) TestEnv.PART_SIZE + 1000, 10));
        Writer larger = new Writer(env, 0, 99, bytes((int) TestEnv.PART_SIZE + 2000, 11));
        Exchange smallerPut = smaller.check();
        Exchange largerPut = larger.check();

        larger.put(largerPut);
        smaller.put(smallerPut);

        assertThat(smallerPut.getMessage().getHeader(UploadRequest.ALREADY_ARCHIVED, Boolean.class)).isTrue();
        assertThat(content(env)).isEqualTo(larger.bytes);
        assertThat(head(env).metadata()).containsEntry(ObjectMetadata.END_OFFSET, "99");
        assertThat(env.s3Client().listMultipartUploads(b -> b.bucket(env.bucket())).uploads()).as("the refused upload was aborted").isEmpty();
    }

    @Test
    void aMultipartReplacementAsksForTheObjectItSaw(TestEnv env) throws Exception {
        new Writer(env, 0, 49, bytes(50, 12)).put();
        Writer larger = new Writer(env, 0, 99, bytes((int) TestEnv.PART_SIZE + 3000, 13));
        Exchange largerPut = larger.check();
        Writer meanwhile = new Writer(env, 0, 74, bytes(75, 14));
        meanwhile.put(meanwhile.check());

        larger.put(largerPut);

        assertThat(content(env)).isEqualTo(larger.bytes);
        assertThat(env.s3Client().listMultipartUploads(b -> b.bucket(env.bucket())).uploads()).isEmpty();
    }

    @Test
    void anObjectWithoutALifeIsNotTakenForThisLifesOnItsEndOffset(TestEnv env) throws Exception {
        Map<String, String> lifeless = metadata(0, 150, bytes(151, 15));
        lifeless.remove(ObjectMetadata.TOPIC_ID);
        env.s3Client().putObject(b -> b.bucket(env.bucket()).key(KEY).metadata(lifeless), RequestBody.fromBytes(bytes(151, 15)));

        assertThatThrownBy(() -> new Writer(env, 0, 99, bytes(100, 16)).check()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never replaces");
    }

    /** One archiver's upload of an object under {@link #KEY}: the check (as {@link UploadRequest} makes it), then the put. */
    private final class Writer {
        private final TestEnv env;
        private final byte[] bytes;
        private final Map<String, String> metadata;
        private final File file;

        Writer(TestEnv env, long start, long end, byte[] bytes) throws Exception {
            this.env = env;
            this.bytes = bytes;
            this.metadata = metadata(start, end, bytes);
            this.file = Files.write(Files.createTempFile(dir, "object", ".mak.gz"), bytes).toFile();
        }

        /** The exchange {@link UploadRequest} hands to the put: the key, the metadata, the file, the put's condition. */
        Exchange check() {
            PutCondition condition = new KeyCheck(env.store()).decide(KEY, ObjectIdentity.fromMetadata(KEY, metadata).orElseThrow());
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setHeader(UploadRequest.KEY, KEY);
            exchange.getMessage().setHeader(UploadRequest.METADATA, metadata);
            exchange.getMessage().setHeader(UploadRequest.ALREADY_ARCHIVED, condition instanceof PutCondition.AlreadyArchived);
            if (condition instanceof PutCondition.Replaces replaces) {
                exchange.getMessage().setHeader(ObjectPut.REPLACES_VERSION, replaces.versionTag());
            }
            exchange.getMessage().setBody(file.toPath());
            return exchange;
        }

        void put(Exchange exchange) throws Exception {
            new ObjectPut(env.store(), env.manifest()).process(exchange);
        }

        void put() throws Exception {
            put(check());
        }
    }

    private static Map<String, String> metadata(long start, long end, byte[] bytes) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ObjectMetadata.TOPIC, "orders");
        m.put(ObjectMetadata.PARTITION, "3");
        m.put(ObjectMetadata.START_OFFSET, Long.toString(start));
        m.put(ObjectMetadata.END_OFFSET, Long.toString(end));
        m.put(ObjectMetadata.RECORD_COUNT, Long.toString(end - start + 1));
        m.put(ObjectMetadata.MIN_TIMESTAMP, "1");
        m.put(ObjectMetadata.MAX_TIMESTAMP, "2");
        m.put(ObjectMetadata.FORMAT, "mak2");
        m.put(ObjectMetadata.COMPRESSION, "gzip");
        m.put(ObjectMetadata.TOPIC_ID, LIFE);
        m.put(ObjectMetadata.SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        return m;
    }

    private static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    private static byte[] content(TestEnv env) {
        return env.s3Client().getObjectAsBytes(b -> b.bucket(env.bucket()).key(KEY)).asByteArray();
    }

    private static HeadObjectResponse head(TestEnv env) {
        return env.s3Client().headObject(b -> b.bucket(env.bucket()).key(KEY));
    }
}
