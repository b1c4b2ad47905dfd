package io.kafkaarchiver.testkit;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.store.azure.AzureContainer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite's blob service (the npm package {@code azurite}, at {@link #VERSION}) on a free port of 127.0.0.1, its
 * telemetry off, for tests of the Azure Blob Storage store. npm installs it once into {@code ~/.cache/kafka-archiver/};
 * where Node.js or npm is missing, the test calling {@link #start} is skipped and says why.
 */
public final class Azurite implements AutoCloseable {

    /** The newest release that runs on Node.js 20, the machines' own (3.36 on need Node.js 21 and 22). */
    public static final String VERSION = "3.35.0";

    /** Azurite's well-known development account and its published key: no secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Installs Azurite when not yet installed, and starts its blob service keeping blobs in {@code dir}. */
    public static Azurite start(Path dir) throws Exception {
        Path server = installed().resolve("node_modules/.bin/azurite-blob");
        int port = ChildJvm.freePort();
        Files.createDirectories(dir);
        Path log = dir.resolve("azurite.log");
        Process process = new ProcessBuilder(server.toString(), "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
                "--location", dir.toString(), "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite azurite = new Azurite(process, port);
        try {
            Deadline.await("Azurite on port " + port + " (log: " + log + ")", Duration.ofMinutes(1), azurite::answers);
        } catch (Exception e) {
            azurite.close();
            throw e;
        }
        return azurite;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Azurite stopped with exit code " + process.exitValue());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=" + endpoint() + ";";
    }

    /** The settings of a store in {@code container} on this server ({@code archive.store} and {@code azure.*}), as the jar's defaults complete them. */
    public Map<String, String> settings(String container) {
        return Map.of("archive.store", "azure", "azure.account", "", "azure.container", container,
                "azure.connection-string", connectionString(), "azure.endpoint", "", "azure.block-size", "16MB");
    }

    /** A store in {@code container} on this server, with the connection string, staging blocks of {@code blockSize}. */
    public AzureContainer container(String container, long blockSize) {
        return new AzureContainer("", container, connectionString(), null, blockSize);
    }

    /** A new, empty container. */
    public void createContainer(String name) {
        client().createBlobContainer(name);
    }

    private BlobServiceClient client() {
        return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * Where Azurite is installed, installing it first if need be: into a folder of its own, renamed into place
     * when whole, so that a broken install is never taken for one and two test JVMs may install at once.
     */
    static Path installed() throws Exception {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "kafka-archiver", "azurite-" + VERSION);
        if (Files.isExecutable(home.resolve("node_modules/.bin/azurite-blob"))) {
            return home;
        }
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "the Azure Blob Storage tests run on Azurite, which npm installs: no node or npm on the PATH (install Node.js and npm to run them)");
        Files.createDirectories(home.getParent());
        Path temp = Files.createTempDirectory(home.getParent(), "azurite-install-");
        Path log = home.getParent().resolve("azurite-" + VERSION + "-npm-install.log");
        Process npm = new ProcessBuilder("npm", "install", "--prefix", temp.toString(), "--no-audit", "--no-fund", "--no-save",
                "azurite@" + VERSION).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!done || npm.exitValue() != 0) {
            npm.destroyForcibly();
            deleteTree(temp);
            throw new IllegalStateException("npm could not install azurite@" + VERSION + (done ? "" : " within " + INSTALL_TIMEOUT)
                    + "; see " + log);
        }
        try {
            Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException installedMeanwhile) {
            deleteTree(temp);
        }
        return home;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
