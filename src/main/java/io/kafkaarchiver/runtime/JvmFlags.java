package io.kafkaarchiver.runtime;

import java.util.List;

/**
 * The JVM options the archiver is launched with wherever we launch it: the README's {@code run} line, the
 * Dockerfile (and so the Kubernetes manifests), the benchmark and the tests' archiver processes.
 * <ul>
 * <li>{@code -XX:TieredStopAtLevel=1}: C1 only. Measured on two cores (bench/archive-throughput.sh), C2
 * spent 10 to 11 CPU-seconds compiling in a 20 to 40 second run, while the archiver's own threads used as
 * much CPU with C1's code as with C2's: compression runs in native zlib or zstd, and the rest is I/O and
 * short per-record work.</li>
 * <li>{@code -XX:+ExitOnOutOfMemoryError}: out of memory, the process ends and its supervisor starts it
 * again, instead of running on with a dead thread ({@link OutOfMemoryExit} covers a launch without it).</li>
 * </ul>
 */
public final class JvmFlags {

    public static final List<String> RECOMMENDED = List.of("-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private JvmFlags() {
    }
}
