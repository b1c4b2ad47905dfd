package io.kafkaarchiver.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.SettingsSource;
import io.kafkaarchiver.config.StoreSettings;
import io.kafkaarchiver.config.Stores;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import io.kafkaarchiver.store.StoredObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archive.store = gcs} as it speaks to Google Cloud Storage's S3 interoperability API, seen on the wire: puts
 * carry GCS's generation preconditions (not S3's {@code If-None-Match}, which GCS's XML API does not apply to uploads)
 * and no checksum trailers (which it refuses), and an object's version is its generation. No GCS runs here: the
 * server is a loopback stand-in that keeps generations as GCS documents them, for puts and heads only.
 */
class GcsInteropTest {

    private record Held(byte[] bytes, long generation, Map<String, String> metadata) {
    }

    private record Seen(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    @TempDir
    Path temp;

    private final Map<String, Held> objects = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong generations = new AtomicLong(1_733_000_000_000_001L);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void putsCarryGenerationPreconditionsAndNoChecksumTrailers() throws IOException {
        Path body = Files.writeString(temp.resolve("object"), "records");
        try (ArchiveStore store = gcs()) {
            StoredObject put = store.put("orders/0-0.mak.gz", body, Map.of("mak-topic", "orders"), new Precondition.CreateOnly());

            Seen request = seen.get(seen.size() - 1);
            assertThat(request.header("x-goog-if-generation-match")).isEqualTo("0");
            assertThat(request.header("If-None-Match")).isNull();
            assertThat(request.header("x-amz-trailer")).isNull();
            assertThat(request.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-amz-checksum-"));
            assertThat(put.versionTag()).isEqualTo(Long.toString(objects.get("orders/0-0.mak.gz").generation()));
            assertThat(store.head("orders/0-0.mak.gz").orElseThrow().versionTag()).isEqualTo(put.versionTag());

            assertThatThrownBy(() -> store.put("orders/0-0.mak.gz", body, Map.of(), new Precondition.CreateOnly()))
                    .as("a second writer of the key").isInstanceOf(PreconditionFailedException.class);
            StoredObject replaced = store.put("orders/0-0.mak.gz", body, Map.of(), new Precondition.Replaces(put.versionTag()));
            assertThat(seen.get(seen.size() - 1).header("x-goog-if-generation-match")).isEqualTo(put.versionTag());
            assertThat(seen.get(seen.size() - 1).header("If-Match")).isNull();
            assertThatThrownBy(() -> store.put("orders/0-0.mak.gz", body, Map.of(), new Precondition.Replaces(put.versionTag())))
                    .as("replacing a generation that is gone").isInstanceOf(PreconditionFailedException.class);
            assertThat(replaced.versionTag()).isNotEqualTo(put.versionTag());
        }
    }

    @Test
    void gcsNeedsAnHmacKeyAndTakesNoS3Encryption() {
        Properties noKey = settings();
        noKey.setProperty("s3.access-key", "");
        noKey.setProperty("s3.secret-key", "");
        assertThatThrownBy(() -> StoreSettings.from(noKey)).isInstanceOf(SettingsException.class).hasMessageContaining("s3.access-key")
                .hasMessageContaining("HMAC");
        Properties sse = settings();
        sse.setProperty("s3.sse", "AES256");
        assertThatThrownBy(() -> StoreSettings.from(sse)).isInstanceOf(SettingsException.class).hasMessageContaining("s3.sse");
        Properties google = settings();
        google.setProperty("s3.endpoint", "");
        assertThat(StoreSettings.from(google).describe()).isEqualTo("bucket archive at GCS https://storage.googleapis.com");
    }

    private ArchiveStore gcs() {
        return Stores.open(StoreSettings.from(settings()));
    }

    private Properties settings() {
        Properties p = SettingsSource.defaults();
        p.setProperty("archive.store", "gcs");
        p.setProperty("s3.bucket", "archive");
        p.setProperty("s3.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
        p.setProperty("s3.path-style", "true");
        p.setProperty("s3.region", "auto");
        p.setProperty("s3.access-key", "GOOG1EXAMPLE");
        p.setProperty("s3.secret-key", "hmac-secret");
        return p;
    }

    /** GCS's rule: {@code x-goog-if-generation-match} 0 wants no object, any other value the object of that generation. */
    private void answer(HttpExchange exchange) throws IOException {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders())));
        String key = exchange.getRequestURI().getPath().substring("/archive/".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Held held = objects.get(key);
        if (exchange.getRequestMethod().equals("HEAD")) {
            if (held == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add(ConditionalWrites.GENERATION, Long.toString(held.generation()));
                exchange.getResponseHeaders().add("ETag", "\"etag-" + held.generation() + "\"");
                held.metadata().forEach((k, v) -> exchange.getResponseHeaders().add("x-amz-meta-" + k, v));
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(held.bytes().length));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
            return;
        }
        String match = exchange.getRequestHeaders().getFirst("x-goog-if-generation-match");
        if (match != null && !match.equals(held == null ? "0" : Long.toString(held.generation()))) {
            byte[] error = "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold.</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(412, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        Map<String, String> metadata = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (k.toLowerCase().startsWith("x-amz-meta-")) {
                metadata.put(k.toLowerCase().substring("x-amz-meta-".length()), v.get(0));
            }
        });
        long generation = generations.incrementAndGet();
        objects.put(key, new Held(body, generation, metadata));
        exchange.getResponseHeaders().add(ConditionalWrites.GENERATION, Long.toString(generation));
        exchange.getResponseHeaders().add("ETag", "\"etag-" + generation + "\"");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
