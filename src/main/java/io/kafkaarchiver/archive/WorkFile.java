package io.kafkaarchiver.archive;

import io.kafkaarchiver.mak.Compression;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * One file of the working directory: the partition it holds, the offset it starts at, the stage it is
 * in, and how it is compressed. Its name, {@code <topic>+<partition>+<start offset, 20 digits>.mak}
 * and the compression's suffix, says all of that; the stage is the folder it is in.
 */
public record WorkFile(TopicPartition partition, long startOffset, Stage stage, Compression compression) {

    private static final Pattern NAME = Pattern.compile("(.+)\\+(\\d+)\\+(\\d{20})\\.mak(\\.gz|\\.zst)?");

    /** The name a file keeps from stage to stage, without the compression's suffix. */
    public String name() {
        return partition.topic() + "+" + partition.partition() + "+" + String.format("%020d", startOffset) + ".mak";
    }

    public String fileName() {
        return name() + compression.suffix();
    }

    public Path path(WorkDir dir) {
        return dir.folder(stage).resolve(fileName());
    }

    /** The same file in another stage, compressed as given. */
    public WorkFile in(Stage next, Compression compressedAs) {
        return new WorkFile(partition, startOffset, next, compressedAs);
    }

    /** The work file a path of a stage's folder names; empty for a name that is not a work file's. */
    public static Optional<WorkFile> parse(Stage stage, Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WorkFile(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))),
                    Long.parseLong(m.group(3)), stage, Compression.forFileName(file.getFileName().toString())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return stage.folder() + "/" + fileName();
    }
}
