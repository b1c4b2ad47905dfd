package io.kafkaarchiver.cli;

import io.kafkaarchiver.topics.CommittedOffsets;
import io.kafkaarchiver.topics.MetadataChange;
import io.kafkaarchiver.topics.Snapshot;
import io.kafkaarchiver.topics.TopicMetadata;
import io.kafkaarchiver.topics.TopicRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ls --topics} for people: per topic, how it was last recorded, every version of its metadata
 * with what changed, and where its consumer groups were.
 */
final class TopicsText {

    private final PrintStream out;

    TopicsText(PrintStream out) {
        this.out = out;
    }

    void print(String archive, List<TopicRecord> records) {
        out.println(archive + ": " + records.size() + (records.size() == 1 ? " topic" : " topics"));
        records.forEach(this::print);
    }

    private void print(TopicRecord r) {
        List<Snapshot<TopicMetadata>> versions = r.metadata();
        if (versions.isEmpty()) {
            out.println(r.topic() + ": no record of its partitions or configuration (archived before kafka-archiver kept one)");
        } else {
            Snapshot<TopicMetadata> latest = versions.get(versions.size() - 1);
            out.println(r.topic() + ": " + latest.content());
            out.println("  topic id " + latest.topicId() + ", read " + latest.readAt() + "; " + versions.size()
                    + (versions.size() == 1 ? " version:" : " versions:"));
            for (int i = 0; i < versions.size(); i++) {
                out.println("    " + versions.get(i).readAt() + "  " + (i == 0 ? versions.get(i).content() : change(versions.get(i - 1), versions.get(i))));
            }
        }
        r.groups().ifPresentOrElse(this::printGroups, () -> out.println("  consumer groups: no record"));
    }

    private static String change(Snapshot<TopicMetadata> before, Snapshot<TopicMetadata> after) {
        if (!before.topicId().equals(after.topicId())) {
            return "a new topic under the same name (topic id " + after.topicId() + "): " + after.content();
        }
        List<MetadataChange> changes = MetadataChange.between(before.content(), after.content());
        return changes.isEmpty() ? "unchanged" : changes.stream().map(MetadataChange::toString).collect(Collectors.joining(", "));
    }

    private void printGroups(Snapshot<CommittedOffsets> groups) {
        if (groups.content().groups().isEmpty()) {
            out.println("  consumer groups, read " + groups.readAt() + ": none with committed offsets");
            return;
        }
        out.println("  consumer groups, read " + groups.readAt() + ", committed offset per partition:");
        TextTable table = new TextTable("group", "offsets");
        groups.content().groups().forEach((group, offsets) -> table.row(group, offsets.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().offset()).collect(Collectors.joining(" "))));
        table.print(out, "    ");
    }
}
