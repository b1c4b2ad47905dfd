package io.kafkaarchiver.testkit;

import io.kafkaarchiver.demo.LocalKafka;
import io.kafkaarchiver.demo.LocalS3;
import io.kafkaarchiver.store.azure.AzureBlobStore;
import io.kafkaarchiver.store.file.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Gives each integration test a real Kafka broker and a real S3 server, through a {@link TestEnv}
 * parameter. The two servers start once per test JVM; every test gets a bucket of its own and
 * topic names no other test uses, so tests never share state by accident. With {@code -Dit.store=file} or
 * {@code -Dit.store=azure} (the Maven profile {@code stores}) each test's archive goes to a directory, or a container
 * on Azurite, of its own instead of its bucket.
 */
public final class ArchiveTestEnvironment implements ParameterResolver {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Which store the tests' archives go to: {@code s3} (the default), {@code file} or {@code azure}. */
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
        return new TestEnv(servers.kafka(), servers.s3(), servers.s3Client(), bucket, name, elsewhere(servers, name));
    }

    private static Optional<StoreUnderTest> elsewhere(Servers servers, String name) {
        return switch (STORE) {
            case "s3" -> Optional.empty();
            case "file" -> {
                Path root = directory(name);
                yield Optional.of(new StoreUnderTest(FileStore.open(root), "directory " + root, Map.of("archive.store", "file", "file.root", root.toString())));
            }
            case "azure" -> {
                String container = "c-" + name;
                servers.azurite().createContainer(container);
                yield Optional.of(new StoreUnderTest(AzureBlobStore.open(servers.azurite().container(container, TestEnv.PART_SIZE)),
                        "container " + container, servers.azurite().settings(container)));
            }
            default -> throw new IllegalArgumentException("it.store=" + STORE + " is not one of: s3, file, azure");
        };
    }

    private static Path directory(String name) {
        try {
            return Files.createDirectories(Path.of("target", "it-stores", name).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker, the S3 server and, for {@code -Dit.store=azure}, Azurite, of this test JVM, stopped when all its tests are done. */
    record Servers(LocalKafka kafka, LocalS3 s3, S3Client s3Client, Azurite azurite) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static Servers start() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-servers-");
                LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
                LocalS3 s3 = LocalS3.start(dir.resolve("s3"));
                Azurite azurite = STORE.equals("azure") ? Azurite.start(dir.resolve("azurite")) : null;
                return new Servers(kafka, s3, s3.newClient(), azurite);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test servers: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            s3Client.close();
            try {
                if (azurite != null) {
                    azurite.close();
                }
                s3.close();
            } finally {
                kafka.close();
            }
        }
    }
}
