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
 * server is a loopback stand-in that keeps generations as GCS documents them, for puts (whole and multipart) and heads only.
 */
class GcsInteropTest {

    private record Held(byte[] bytes, long generation, Map<String, String> metadata) {
    }

    private record Seen(String method, String path, String query, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    @TempDir
    Path temp;

    private final Map<String, Held> objects = new ConcurrentHashMap<>();
    /** Multipart uploads under way: their metadata, given when they began. */
    private final Map<String, Map<String, String>> uploads = new ConcurrentHashMap<>();
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

    /** Larger than s3.part-size: in parts, the metadata given when the upload begins, the precondition on its completion. */
    @Test
    void aLargeObjectGoesInPartsAndItsCompletionCarriesTheGenerationPrecondition() throws IOException {
        Path body = Files.write(temp.resolve("large"), new byte[(6 << 20) + 1]);
        String key = "orders/0-1000.mak.gz";
        try (ArchiveStore store = gcs()) {
            StoredObject put = store.put(key, body, Map.of("mak-topic", "orders"), new Precondition.CreateOnly());

            assertThat(seen.stream().filter(r -> r.method().equals("PUT") && r.query().contains("partNumber="))).as("parts").hasSize(2);
            Seen complete = lastCompletion();
            assertThat(complete.header("x-goog-if-generation-match")).isEqualTo("0");
            assertThat(complete.header("If-None-Match")).isNull();
            assertThat(objects.get(key).metadata()).containsEntry("mak-topic", "orders");
            assertThat(put.versionTag()).isEqualTo(Long.toString(objects.get(key).generation()));

            assertThatThrownBy(() -> store.put(key, body, Map.of("mak-topic", "orders"), new Precondition.CreateOnly()))
                    .as("a second writer of the key").isInstanceOf(PreconditionFailedException.class);
            assertThat(seen.get(seen.size() - 1)).as("the lost upload, aborted").satisfies(r -> {
                assertThat(r.method()).isEqualTo("DELETE");
                assertThat(r.query()).contains("uploadId=");
            });
            StoredObject replaced = store.put(key, body, Map.of("mak-topic", "orders"), new Precondition.Replaces(put.versionTag()));
            assertThat(lastCompletion().header("x-goog-if-generation-match")).isEqualTo(put.versionTag());
            assertThat(replaced.versionTag()).isNotEqualTo(put.versionTag());
        }
    }

    private Seen lastCompletion() {
        return seen.stream().filter(r -> r.method().equals("POST") && r.query().contains("uploadId=")).reduce((a, b) -> b).orElseThrow();
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
        p.setProperty("s3.part-size", "5MB");
        return p;
    }

    /** Heads and puts of whole objects, and multipart uploads ({@link #multipart}), each put on GCS's generation rule. */
    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, Map.copyOf(exchange.getRequestHeaders())));
        String key = exchange.getRequestURI().getPath().substring("/archive/".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        Held held = objects.get(key);
        if (multipart(exchange, key, query)) {
            return;
        }
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
        if (!preconditionHolds(exchange, held)) {
            return;
        }
        stored(exchange, key, body, metadata(exchange));
    }

    /** GCS's XML API multipart upload, as far as the S3 SDK drives it: initiate, parts, complete (with the precondition), abort. */
    private boolean multipart(HttpExchange exchange, String key, String query) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && query.startsWith("uploads")) {
            String id = "upload-" + generations.incrementAndGet();
            uploads.put(id, metadata(exchange));
            respond(exchange, 200, "<InitiateMultipartUploadResult><Bucket>archive</Bucket><Key>" + key + "</Key><UploadId>" + id
                    + "</UploadId></InitiateMultipartUploadResult>");
        } else if (method.equals("PUT") && query.contains("uploadId=")) {
            exchange.getResponseHeaders().add("ETag", "\"part-" + generations.incrementAndGet() + "\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        } else if (method.equals("POST") && query.contains("uploadId=")) {
            Map<String, String> metadata = uploads.remove(query.substring(query.indexOf("uploadId=") + "uploadId=".length()));
            if (preconditionHolds(exchange, objects.get(key))) {
                long generation = generations.incrementAndGet();
                objects.put(key, new Held(new byte[0], generation, metadata));
                exchange.getResponseHeaders().add(ConditionalWrites.GENERATION, Long.toString(generation));
                respond(exchange, 200, "<CompleteMultipartUploadResult><Bucket>archive</Bucket><Key>" + key + "</Key><ETag>\"etag-"
                        + generation + "\"</ETag></CompleteMultipartUploadResult>");
            }
        } else if (method.equals("DELETE") && query.contains("uploadId=")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            return false;
        }
        return true;
    }

    /** GCS's rule: {@code x-goog-if-generation-match} 0 wants no object, any other value the object of that generation; 412 otherwise. */
    private static boolean preconditionHolds(HttpExchange exchange, Held held) throws IOException {
        String match = exchange.getRequestHeaders().getFirst("x-goog-if-generation-match");
        if (match != null && !match.equals(held == null ? "0" : Long.toString(held.generation()))) {
            respond(exchange, 412, "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold."
                    + "</Message></Error>");
            return false;
        }
        return true;
    }

    private void stored(HttpExchange exchange, String key, byte[] body, Map<String, String> metadata) throws IOException {
        long generation = generations.incrementAndGet();
        objects.put(key, new Held(body, generation, metadata));
        exchange.getResponseHeaders().add(ConditionalWrites.GENERATION, Long.toString(generation));
        exchange.getResponseHeaders().add("ETag", "\"etag-" + generation + "\"");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static Map<String, String> metadata(HttpExchange exchange) {
        Map<String, String> metadata = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (k.toLowerCase().startsWith("x-amz-meta-")) {
                metadata.put(k.toLowerCase().substring("x-amz-meta-".length()), v.get(0));
            }
        });
        return metadata;
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
