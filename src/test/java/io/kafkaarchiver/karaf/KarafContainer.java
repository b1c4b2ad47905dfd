package io.kafkaarchiver.karaf;

import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.demo.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real Apache Karaf, unpacked from the distribution the build downloads, started with {@code bin/start},
 * driven with {@code bin/client} in batch mode and stopped with {@code bin/stop}, as an operator does.
 * SSH and JMX (RMI) listen on free ports of 127.0.0.1 only; Maven artifacts come from {@code repository} (the
 * build's own, laid out as a Maven repository), then ~/.m2, then Maven Central.
 */
final class KarafContainer implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of(System.getProperty("karaf.distribution", "target/karaf/apache-karaf.tar.gz"));
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final String USER = "karaf";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final int sshPort;
    private final int rmiRegistryPort;

    private KarafContainer(Path home, int sshPort, int rmiRegistryPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.rmiRegistryPort = rmiRegistryPort;
    }

    /**
     * Unpacks, configures and starts a Karaf in {@code home}; returns once its shell answers and it has fully started.
     * @param environment variables Karaf's JVM gets besides this JVM's, as an operator's service unit gives them
     */
    static KarafContainer start(Path home, Path repository, Map<String, String> environment) throws Exception {
        Files.createDirectories(home);
        run(new ProcessBuilder("tar", "xzf", DISTRIBUTION.toAbsolutePath().toString(), "-C", home.toString(), "--strip-components=1"));
        KarafContainer karaf = new KarafContainer(home, ChildJvm.freePort(), ChildJvm.freePort());
        karaf.configure(repository);
        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/start").toString()).directory(home.toFile());
        start.environment().putAll(environment);
        start.environment().putAll(Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_MAX_MEM", "768m",
                "KARAF_REDIRECT", home.resolve("data/karaf.out").toString()));
        run(start);
        Deadline.await("Karaf in " + home + " to start (see data/log/karaf.log)", Duration.ofSeconds(90),
                () -> karaf.tryClient("system:start-level").map(out -> out.contains("100")).orElse(false));
        return karaf;
    }

    private void configure(Path repository) throws IOException {
        Files.writeString(etc("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.defaultRepositories = " + repository.toUri() + "@id=build@snapshots, "
                        + Path.of(System.getProperty("user.home"), ".m2", "repository").toUri() + "@id=local@snapshots, "
                        + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots",
                "org.ops4j.pax.url.mvn.repositories = https://repo1.maven.org/maven2@id=central", ""));
        edit("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(sshPort), "sshHost", "127.0.0.1"));
        edit("org.apache.karaf.management.cfg", Map.of(
                "rmiRegistryPort", Integer.toString(rmiRegistryPort), "rmiRegistryHost", "127.0.0.1",
                "rmiServerPort", Integer.toString(ChildJvm.freePort()), "rmiServerHost", "127.0.0.1"));
        Path users = etc("users.properties");
        Files.writeString(users, Files.readString(users)
                .replace("#karaf = karaf,_g_:admingroup", "karaf = karaf,_g_:admingroup")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup"));
    }

    /** Sets {@code key = value} lines of a configuration file in etc/. */
    private void edit(String file, Map<String, String> values) throws IOException {
        String text = Files.readString(etc(file));
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replaceAll("(?m)^\\s*" + v.getKey() + "\\s*=.*$", Matcher.quoteReplacement(v.getKey() + " = " + v.getValue()));
        }
        Files.writeString(etc(file), text);
    }

    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }

    /** Karaf's own log, where the bundles' logs go. */
    String log() throws IOException {
        return Files.readString(home.resolve("data/log/karaf.log"));
    }

    /**
     * Runs shell commands through {@code bin/client}, one per line; @return what they printed
     * @throws IOException when the client fails or a command reports an error
     */
    String client(String... commands) throws IOException, InterruptedException {
        Optional<String> output = tryClient(commands);
        if (output.isEmpty() || output.get().contains("Error executing command")) {
            throw new IOException("Karaf commands " + List.of(commands) + " failed: " + output.orElse("(client exited with an error)"));
        }
        return output.get();
    }

    private Optional<String> tryClient(String... commands) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a", Integer.toString(sshPort),
                "-u", USER, "-p", USER, "-r", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IOException("Karaf commands " + List.of(commands) + " did not finish within " + COMMAND_TIMEOUT);
        }
        return client.exitValue() == 0 ? Optional.of(output) : Optional.empty();
    }

    /** A connection to Karaf's JMX server, as JConsole makes it: the RMI registry's URL, user karaf. */
    JMXConnector jmx() throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {USER, USER}));
    }

    /** The most memory Karaf's JVM has held (VmHWM), in MB. */
    long peakRssMegabytes() throws IOException {
        long pid = process().orElseThrow(() -> new IOException("Karaf is not running")).pid();
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                .findFirst().orElseThrow();
    }

    /** {@code bin/stop}; @return whether Karaf's JVM ended within {@code timeout} */
    boolean stop(Duration timeout) throws Exception {
        Optional<ProcessHandle> karaf = process();
        run(new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile()));
        if (karaf.isEmpty()) {
            return true;
        }
        try {
            karaf.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Stops Karaf (kills it if it has not stopped within 30 seconds), keeping its log as target/it-logs/karaf.log. */
    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> karaf = process().filter(ProcessHandle::isAlive);
        if (karaf.isPresent() && !stop(Duration.ofSeconds(30))) {
            karaf.get().destroyForcibly();
        }
        Files.createDirectories(LOGS);
        Files.copy(home.resolve("data/log/karaf.log"), LOGS.resolve("karaf.log"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Optional<ProcessHandle> process() throws IOException {
        Path pid = home.resolve("karaf.pid");
        return Files.exists(pid) ? ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
    }

    private static void run(ProcessBuilder command) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(command.command() + " failed: " + output);
        }
    }
}
