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
import java.util.Map;

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
                Long next = nextSourceOffsets.get(Integer.parseInt(fields[0]));
                if (next != null && Long.parseLong(fields[1]) < next) {
                    w.write(line);
                    w.newLine();
                }
            }
        } catch (NumberFormatException e) {
            throw RestoreException.badRequest(file + " is not an offset map (" + e.getMessage() + "); choose another offset map file");
        }
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
