package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * One file of the working directory: the partition it holds, the life of its topic, the offset it starts
 * at, the stage it is in, and how it is compressed. Its name,
 * {@code <topic>+<life>+<partition>+<start offset, 20 digits>.mak} and the compression's suffix, says all
 * of that; the stage is the folder it is in. Files of the unknown life have no life in their name
 * ({@code <topic>+<partition>+<start>.mak}), as every file had before the archiver knew topic ids, so an
 * archiver resumes a working directory an earlier version left. Topic names cannot hold a '+'.
 */
public record WorkFile(TopicPartition partition, Life life, long startOffset, Stage stage, Compression compression) {

    /**
     * {@code <topic>+[<life>+]<partition>+<start>.mak[.gz|.zst|.parquet]}: a topic name holds no '+', so the life is there
     * or not. A Parquet object keeps the name of the MAK file it was made from, {@code .parquet} added.
     */
    private static final Pattern NAME = Pattern.compile("([^+]+)\\+(?:(" + Life.LABEL_PATTERN + ")\\+)?(\\d+)\\+(\\d{20})\\.mak(\\.gz|\\.zst|\\.parquet)?");

    /** The name a file keeps from stage to stage, without the compression's suffix. */
    public String name() {
        return partition.topic() + "+" + life.namePart() + partition.partition() + "+" + String.format("%020d", startOffset) + ".mak";
    }

    public String fileName() {
        return name() + compression.suffix();
    }

    public Path path(WorkDir dir) {
        return dir.folder(stage).resolve(fileName());
    }

    /** The same file in another stage, compressed as given. */
    public WorkFile in(Stage next, Compression compressedAs) {
        return new WorkFile(partition, life, startOffset, next, compressedAs);
    }

    /** The work file a path of a stage's folder names; empty for a name that is not a work file's. */
    public static Optional<WorkFile> parse(Stage stage, Path file) {
        String name = file.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Life life = m.group(2) == null ? Life.UNKNOWN : Life.parse(m.group(2)).orElseThrow();
            return Optional.of(new WorkFile(new TopicPartition(m.group(1), Integer.parseInt(m.group(3))), life, Long.parseLong(m.group(4)),
                    stage, Compression.forFileName(name)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return stage.folder() + "/" + fileName();
    }
}
