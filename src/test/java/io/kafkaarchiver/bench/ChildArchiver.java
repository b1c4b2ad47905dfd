package io.kafkaarchiver.bench;

import io.kafkaarchiver.demo.ChildJvm;
import io.kafkaarchiver.mak.MakReader;
import io.kafkaarchiver.mak.MakSummary;
import io.kafkaarchiver.runtime.JvmFlags;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The packaged jar run as users run it ({@code java -Xmx512m <shipped flags> -jar <jar> run}) in a child JVM
 * of its own working directory, for the benchmarks: its metrics, its working directory, its log and its CPU.
 */
final class ChildArchiver implements AutoCloseable {

    /** The log configuration of the benchmarks' archivers: the shipped one, and the consumer's group membership at INFO. */
    static final Path LOG_CONFIG = Path.of("src", "test", "resources", "log4j2-rebalance-bench.xml").toAbsolutePath();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Lines of an archiver's log that say it was thrown out of its group, by what they say. */
    private static final Map<String, Pattern> THROWN_OUT = new LinkedHashMap<>();

    static {
        THROWN_OUT.put("poll timeout", Pattern.compile("poll timeout has expired"));
        THROWN_OUT.put("unknown member", Pattern.compile("UNKNOWN_MEMBER_ID|member id .* is not valid|Resetting generation.*due to: encountered"));
        THROWN_OUT.put("commit failed", Pattern.compile("CommitFailedException|Offset commit failed|Commit of .* failed"));
    }

    /** An in-progress file's name: topic, the life's id (later lives), partition, start offset. */
    private static final Pattern WORK_FILE = Pattern.compile("(.+?)\\+(?:[^+]+\\+)?(\\d+)\\+\\d{20}\\.mak");

    final String name;
    final ChildJvm process;
    final Path home;
    final Path log;
    final int managementPort;
    private final Path keptLogs;

    private ChildArchiver(String name, ChildJvm process, Path home, Path log, int managementPort, Path keptLogs) {
        this.name = name;
        this.process = process;
        this.home = home;
        this.log = log;
        this.managementPort = managementPort;
        this.keptLogs = keptLogs;
    }

    /**
     * Starts {@code jar} in {@code home} with {@code settings} as its application.properties, and a management port
     * of its own; ARCHIVER_JAVA_OPTS adds JVM options. Its log is copied to {@code keptLogs} when it is closed.
     */
    static ChildArchiver start(String name, Path jar, Path home, Properties settings, Path keptLogs) throws IOException {
        Files.createDirectories(home);
        int port = ChildJvm.freePort();
        Properties p = new Properties();
        p.putAll(settings);
        p.setProperty("camel.management.port", Integer.toString(port));
        try (Writer out = Files.newBufferedWriter(home.resolve("application.properties"))) {
            p.store(out, "benchmark " + name);
        }
        List<String> java = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx512m"));
        java.addAll(JvmFlags.RECOMMENDED);
        java.add("-Dlog4j2.configurationFile=" + LOG_CONFIG);
        String extra = System.getenv().getOrDefault("ARCHIVER_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            java.addAll(List.of(extra.split("\\s+")));
        }
        java.addAll(List.of("-jar", jar.toString(), "run"));
        Path log = home.resolve("archiver.log");
        ProcessBuilder command = new ProcessBuilder(java).directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildArchiver(name, ChildJvm.start("archiver-" + name, command, log), home, log, port, keptLogs);
    }

    void checkAlive() throws IOException {
        process.checkAlive();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A sample of its metrics, by its name with labels as Prometheus prints them ({@code x{stage="upload"}}); 0 if it has none. */
    double metric(String sample) throws IOException, InterruptedException {
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (var lines = response.body()) {
            return lines.filter(l -> l.startsWith(sample + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1).trim())).findFirst().orElse(0);
        }
    }

    long recordsWritten() throws IOException, InterruptedException {
        return (long) metric("kafka_archiver_records_written_total");
    }

    /** 0 while its management server does not answer (starting), or once it has stopped. */
    long recordsWrittenOrZero() {
        try {
            return recordsWritten();
        } catch (IOException notAnswering) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The files in a folder of its working directory ({@code in-progress}, {@code upload}, ...); 0 before it exists. */
    long files(String folder) throws IOException {
        try (var files = Files.list(home.resolve("archive-work").resolve(folder))) {
            return files.count();
        } catch (java.nio.file.NoSuchFileException notYet) {
            return 0;
        }
    }

    long inProgressFiles() throws IOException {
        return files("in-progress");
    }

    /**
     * Adds to {@code written} the partitions whose in-progress file here holds the offset {@code markers} gives
     * (the commit point's figures for MAK v2, a scan for v1); a file being written may not read yet.
     */
    void markersWritten(Map<TopicPartition, Long> markers, Set<TopicPartition> written) throws IOException {
        List<Path> files;
        try (var list = Files.list(home.resolve("archive-work").resolve("in-progress"))) {
            files = list.toList();
        } catch (java.nio.file.NoSuchFileException notYet) {
            return;
        }
        for (Path file : files) {
            var name = WORK_FILE.matcher(file.getFileName().toString());
            if (!name.matches()) {
                continue;
            }
            TopicPartition tp = new TopicPartition(name.group(1), Integer.parseInt(name.group(2)));
            Long marker = markers.get(tp);
            if (marker == null || written.contains(tp)) {
                continue;
            }
            try (MakReader reader = MakReader.open(file)) {
                long last = reader.summary().map(MakSummary::lastOffset).orElseGet(() -> {
                    try {
                        return reader.scan().lastOffset();
                    } catch (IOException partial) {
                        return -1L;
                    }
                });
                if (last >= marker) {
                    written.add(tp);
                }
            } catch (IOException | RuntimeException beingWritten) {
                // read again on the next round
            }
        }
    }

    /** utime + stime of the process, in clock ticks (1/100 s); 0 once it has ended. */
    long cpuTicks() throws IOException {
        try {
            String[] stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")).split("\\) ")[1].split(" ");
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        } catch (java.nio.file.NoSuchFileException ended) {
            return 0;
        }
    }

    long logLines() throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }

    List<String> logSince(long line) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.skip(line).toList();
        }
    }

    /**
     * The lines since {@code line} that {@link #thrownOut}, {@link #errorsByCause} and a count of joins read: ERROR lines,
     * lines saying it was thrown out of its group, "(Re-)joining group". Read as a stream, as an outage's log runs to
     * hundreds of megabytes.
     */
    List<String> tellingLinesSince(long line) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.skip(line).filter(l -> l.contains(" ERROR ") || l.contains("(Re-)joining group")
                    || THROWN_OUT.values().stream().anyMatch(p -> p.matcher(l).find())).toList();
        }
    }

    /** The lines of {@code log} that say the archiver was thrown out of its group, counted by what they say: "poll timeout 0, ...". */
    static String thrownOut(List<String> log) {
        return THROWN_OUT.entrySet().stream()
                .map(e -> e.getKey() + " " + log.stream().filter(l -> e.getValue().matcher(l).find()).count())
                .collect(Collectors.joining(", "));
    }

    /** The lines of {@code log} that say it was thrown out of its group, whatever they say. */
    static long thrownOutCount(List<String> log) {
        return log.stream().filter(l -> THROWN_OUT.values().stream().anyMatch(p -> p.matcher(l).find())).count();
    }

    /** The ERROR lines of {@code log} by what they say (ids, topic ids, numbers and folders dropped), the most frequent first. */
    static Map<String, Long> errorsByCause(List<String> log) {
        Map<String, Long> said = log.stream().filter(l -> l.contains(" ERROR "))
                .map(l -> l.substring(Math.min(l.length(), 13)).replaceAll("Failed delivery for \\(MessageId: .*? on ExchangeId: .*?\\)\\. Exhausted after delivery attempt: \\d+ caught: ", "")
                        .replaceAll("/\\S*/", "").replaceAll("\\+[A-Za-z0-9_-]{22}\\+", "+<topic id>+").replaceAll("\\d+", "N"))
                .map(l -> l.length() > 220 ? l.substring(0, 220) + "..." : l)
                .collect(Collectors.groupingBy(l -> l, LinkedHashMap::new, Collectors.counting()));
        return said.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Stops the process (SIGTERM; killed after 20 s) and keeps its log. */
    @Override
    public void close() throws Exception {
        process.close();
        Files.createDirectories(keptLogs);
        Files.copy(log, keptLogs.resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
    }
}
