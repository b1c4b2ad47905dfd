package io.kafkaarchiver.restore;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each restored record went: a CSV file with one line per record, {@code source_partition,
 * source_offset,target_partition,target_offset}, so consumer-group offsets of the old topic can be
 * translated. Lines are added after their records are in Kafka and before their checkpoint, so on a
 * restart the lines past a partition's checkpoint are dropped (their records are matched again).
 */
public final class OffsetMap implements Closeable {

    public static final String HEADER = "source_partition,source_offset,target_partition,target_offset";

    private final BufferedWriter out;

    private OffsetMap(BufferedWriter out) {
        this.out = out;
    }

    /** The offset map file a restore writes unless told otherwise. */
    public static Path defaultFile(String sourceTopic, String targetTopic) {
        return Path.of("restore-" + sourceTopic + "-to-" + targetTopic + ".offsets.csv");
    }

    /**
     * Opens the map for appending, first keeping of an existing file only what each partition's
     * checkpoint covers: the lines whose source offset is before its next source offset.
     *
     * @param nextSourceOffsets per source partition with a checkpoint, its next source offset
     */
    public static OffsetMap open(Path file, Map<Integer, Long> nextSourceOffsets) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path kept = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(kept, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.newLine();
                if (Files.exists(absolute)) {
                    keepCheckpointed(absolute, nextSourceOffsets, w);
                }
            }
            Files.move(kept, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(kept);
        }
        return new OffsetMap(Files.newBufferedWriter(absolute, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    private static void keepCheckpointed(Path file, Map<Integer, Long> nextSourceOffsets, BufferedWriter w) throws IOException {
        forEachLine(file, line -> {
            Long next = nextSourceOffsets.get(line.sourcePartition());
            if (next != null && line.sourceOffset() < next) {
                w.write(line.text());
                w.newLine();
            }
        });
    }

    /** One line of the map: where one restored record came from and went. */
    private record Line(int sourcePartition, long sourceOffset, int targetPartition, long targetOffset, String text) {
    }

    @FunctionalInterface
    private interface LineAction {
        void take(Line line) throws IOException;
    }

    /** Reads the map line by line (it holds a line per restored record: it is never read whole). */
    private static void forEachLine(Path file, LineAction action) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header != null && !header.equals(HEADER)) {
                throw RestoreException.badRequest(file + " is not an offset map (its first line is not '" + HEADER
                        + "'); choose another offset map file");
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split(",");
                if (fields.length != 4) {
                    // The torn last line of a run that was killed while writing it.
                    continue;
                }
                action.take(new Line(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), Integer.parseInt(fields[2]),
                        Long.parseLong(fields[3]), line));
            }
        } catch (NumberFormatException e) {
            throw RestoreException.badRequest(file + " is not an offset map (" + e.getMessage() + "); choose another offset map file");
        }
    }

    /**
     * Where the records at or after some source offsets went: for each wanted source offset of a
     * partition, the target offset of the first restored record at or after it, from the lines a
     * checkpoint covers (those of a partition whose source offset is before {@code validBelow}'s).
     * A missing file knows of no record.
     *
     * @param wanted     per source partition, the source offsets asked about
     * @param validBelow per source partition, the next source offset its checkpoint stands at; lines past it were not checkpointed
     * @return per source partition, per wanted source offset that a restored record is at or after, the target offset
     */
    public static Map<Integer, Map<Long, Long>> firstAtOrAfter(Path file, Map<Integer, Set<Long>> wanted,
                                                               Map<Integer, Long> validBelow) throws IOException {
        Map<Integer, Map<Long, Line>> found = new HashMap<>();
        if (Files.exists(file)) {
            forEachLine(file, line -> {
                int p = line.sourcePartition();
                if (line.sourceOffset() >= validBelow.getOrDefault(p, Long.MIN_VALUE)) {
                    return;
                }
                for (long asked : wanted.getOrDefault(p, Set.of())) {
                    if (line.sourceOffset() >= asked) {
                        found.computeIfAbsent(p, x -> new HashMap<>()).merge(asked, line,
                                (a, b) -> a.sourceOffset() <= b.sourceOffset() ? a : b);
                    }
                }
            });
        }
        Map<Integer, Map<Long, Long>> targets = new HashMap<>();
        found.forEach((p, byAsked) -> byAsked.forEach((asked, line) ->
                targets.computeIfAbsent(p, x -> new HashMap<>()).put(asked, line.targetOffset())));
        return targets;
    }

    public void add(int sourcePartition, long sourceOffset, int targetPartition, long targetOffset) throws IOException {
        out.write(sourcePartition + "," + sourceOffset + "," + targetPartition + "," + targetOffset);
        out.newLine();
    }

    /** Hands the lines added so far to the operating system: a killed process loses none of them. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
