package io.kafkaarchiver.testkit;

import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Gives each integration test a real Kafka broker and a real S3 server, through a {@link TestEnv}
 * parameter. The two servers start once per test JVM; every test gets a bucket of its own and
 * topic names no other test uses, so tests never share state by accident. With {@code -Dit.store=file} (the Maven
 * profile {@code stores}) each test's archive goes to a directory of its own instead of its bucket.
 */
public final class ArchiveTestEnvironment implements ParameterResolver {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Which store the tests' archives go to: {@code s3} (the default) or {@code file}. */
    private static final String STORE = System.getProperty("it.store", "s3");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestEnv.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Servers servers = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Servers.class, k -> Servers.start(), Servers.class);
        String name = "t" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String bucket = "bucket-" + name;
        servers.s3Client().createBucket(b -> b.bucket(bucket));
        return new TestEnv(servers.kafka(), servers.s3(), servers.s3Client(), bucket, name, fileRoot(name));
    }

    private static Optional<Path> fileRoot(String name) {
        if (!STORE.equals("file")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.createDirectories(Path.of("target", "it-stores", name).toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker and the S3 server of this test JVM, stopped when all its tests are done. */
    record Servers(LocalKafka kafka, LocalS3 s3, S3Client s3Client) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static Servers start() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-servers-");
                LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
                LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
                return new Servers(kafka, s3, s3.newClient());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test servers: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            s3Client.close();
            try {
                s3.close();
            } finally {
                kafka.close();
            }
        }
    }
}
