package io.kafkaarchiver.demo;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Java program run as a child process, its output going to a log file. Killed with the parent JVM,
 * so a test run or a demo never leaves servers behind.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, name + "-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ChildJvm start(String name, String classpath, List<String> jvmArgs, String mainClass, List<String> args, Path log)
            throws IOException {
        return start(name, classpath, jvmArgs, mainClass, args, log, null);
    }

    /** Starts {@code mainClass} in a child JVM whose working directory is {@code directory} (null: this one's). */
    public static ChildJvm start(String name, String classpath, List<String> jvmArgs, String mainClass, List<String> args, Path log,
                                 Path directory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return start(name, builder, log);
    }

    /**
     * Starts the process {@code builder} describes (command, directory, environment, where its output goes);
     * {@code log} is where failures point to.
     */
    public static ChildJvm start(String name, ProcessBuilder builder, Path log) throws IOException {
        return new ChildJvm(name, builder.start(), log);
    }

    /** The java launcher of the running JVM, so a child runs on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a program to its end; fails, pointing at its log, if it exits with an error. */
    static void run(String name, String classpath, List<String> jvmArgs, String mainClass, List<String> args, Path log,
                    Duration timeout) throws IOException, InterruptedException {
        try (ChildJvm child = start(name, classpath, jvmArgs, mainClass, args, log)) {
            int exitCode = child.awaitExit(timeout);
            if (exitCode != 0) {
                throw new IOException(name + " failed with exit code " + exitCode + "; see " + log);
            }
        }
    }

    /** Waits for the process to end by itself; @return its exit code */
    public int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException(name + " did not finish within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The processes this one started, and theirs: what must end with it. */
    public Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    /** Fails, naming the log, if the process has died. */
    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /** Ends the process abruptly, as a crash or {@code kill -9} would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Asks the process to stop (SIGTERM), as an operator would; @return whether it ended within {@code timeout} */
    public boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #stop Stops} the process; kills it if it has not stopped in 20 seconds. */
    @Override
    public void close() throws InterruptedException {
        if (!stop(Duration.ofSeconds(20))) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    /** A TCP port free on the loopback address right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The classpath that holds the local Kafka broker and S3 server: the running JVM's own when it has
     * them (tests), else the {@code demo-lib/} folder the build puts beside the jar.
     */
    static String serverClasspath() throws IOException {
        try {
            Class.forName("kafka.Kafka", false, ChildJvm.class.getClassLoader());
            return System.getProperty("java.class.path");
        } catch (ClassNotFoundException notHere) {
            Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
            Path lib = jar.getParent().resolve("demo-lib");
            if (!Files.isDirectory(lib)) {
                throw new IOException("the demo needs the local Kafka and S3 servers in " + lib + "; build with 'mvn -B package' first");
            }
            return lib + File.separator + "*";
        }
    }
}
