package io.kafkaarchiver.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run from Kafka's own
 * jars in a child JVM on 127.0.0.1, its data in a folder of its own.
 */
public final class LocalKafka implements AutoCloseable {

    private final ChildJvm process;
    private final int port;
    private final String bootstrapServers;

    private LocalKafka(ChildJvm process, int port) {
        this.process = process;
        this.port = port;
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /**
     * A listener besides the broker's own PLAINTEXT one (which stays the inter-broker listener, and the one
     * {@link #admin()} and {@link #bootstrapServers()} use).
     *
     * @param settings the listener's own broker settings, named without their {@code listener.name.<name>.} prefix
     */
    public record Listener(String name, String securityProtocol, int port, Map<String, String> settings) {

        String address() {
            return name + "://127.0.0.1:" + port;
        }
    }

    public static LocalKafka start(Path dir) throws Exception {
        return start(dir, List.of());
    }

    public static LocalKafka start(Path dir, List<Listener> extraListeners) throws Exception {
        String classpath = ChildJvm.serverClasspath();
        int port = ChildJvm.freePort();
        int controllerPort = ChildJvm.freePort();
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        String advertised = Stream.concat(Stream.of("PLAINTEXT://127.0.0.1:" + port), extraListeners.stream().map(Listener::address))
                .collect(Collectors.joining(","));
        String protocols = Stream.concat(Stream.of("PLAINTEXT:PLAINTEXT", "CONTROLLER:PLAINTEXT"),
                extraListeners.stream().map(l -> l.name() + ":" + l.securityProtocol())).collect(Collectors.joining(","));
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", advertised + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", advertised),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", protocols),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dir.resolve("data").toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                // The log cleaner looks for work every half second, not every 15: tests of compacted topics wait for it.
                Map.entry("log.cleaner.backoff.ms", "500")));
        for (Listener listener : extraListeners) {
            String prefix = "listener.name." + listener.name().toLowerCase(Locale.ROOT) + ".";
            listener.settings().forEach((name, value) -> p.setProperty(prefix + name, value));
        }
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "local single-node KRaft broker");
        }
        List<String> jvm = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");
        ChildJvm.run("kafka-storage-format", classpath, jvm, "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"),
                dir.resolve("format.log"), Duration.ofMinutes(2));
        ChildJvm broker = ChildJvm.start("kafka-broker", classpath, List.of("-Xmx768m", "-Djava.awt.headless=true"),
                "kafka.Kafka", List.of(config.toString()), dir.resolve("broker.log"));
        LocalKafka kafka = new LocalKafka(broker, port);
        try {
            Deadline.await("the Kafka broker at " + kafka.bootstrapServers + " (log: " + dir.resolve("broker.log") + ")",
                    Duration.ofMinutes(2), kafka::isReady);
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return kafka;
    }

    private boolean isReady() throws IOException {
        process.checkAlive();
        if (!listens()) {
            return false;
        }
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** An admin client asking before the broker listens would log a warning at each of its retries (the demo's output). */
    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
