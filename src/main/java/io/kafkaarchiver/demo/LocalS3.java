package io.kafkaarchiver.demo;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (S3Proxy, storing objects in a local folder) in a child JVM on 127.0.0.1. It can
 * be stopped and started again on the same port with the same objects, as an S3 outage would.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    public static final String REGION = "us-east-1";

    private final Path dir;
    private final Path config;
    private final int port;
    private final String classpath;
    private ChildJvm process;

    private LocalS3(Path dir, Path config, int port, String classpath) {
        this.dir = dir;
        this.config = config;
        this.port = port;
        this.classpath = classpath;
    }

    public static LocalS3 start(Path dir) throws Exception {
        int port = ChildJvm.freePort();
        Files.createDirectories(dir.resolve("objects"));
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.identity", ACCESS_KEY);
        p.setProperty("jclouds.credential", SECRET_KEY);
        p.setProperty("jclouds.filesystem.basedir", dir.resolve("objects").toString());
        Path config = dir.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "local S3 API server");
        }
        LocalS3 s3 = new LocalS3(dir, config, port, ChildJvm.serverClasspath());
        s3.restart();
        return s3;
    }

    /** Starts the server again after {@link #stop()}, on the same port, with the same objects. */
    public void restart() throws Exception {
        process = ChildJvm.start("s3proxy", classpath, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                "org.gaul.s3proxy.Main", List.of("--properties", config.toString()), dir.resolve("s3proxy.log"));
        try {
            Deadline.await("the S3 server at " + endpoint() + " (log: " + dir.resolve("s3proxy.log") + ")",
                    Duration.ofMinutes(1), this::answers);
        } catch (Exception e) {
            process.close();
            throw e;
        }
    }

    /** Stops the server; requests fail until {@link #restart()}. */
    public void stop() throws InterruptedException {
        process.kill();
    }

    private boolean answers() throws IOException {
        process.checkAlive();
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            c.getResponseCode();
            c.disconnect();
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The archiver's {@code s3.*} settings that put its objects in {@code bucket} on this server. */
    public Map<String, String> settings(String bucket) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("s3.bucket", bucket);
        s.put("s3.endpoint", endpoint().toString());
        s.put("s3.path-style", "true");
        s.put("s3.access-key", ACCESS_KEY);
        s.put("s3.secret-key", SECRET_KEY);
        return s;
    }

    /** A real AWS SDK v2 client for this server (path-style, static credentials). */
    public S3Client newClient() {
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
