package io.kafkaarchiver.cli;

import io.kafkaarchiver.catalog.ArchiveCatalog;
import io.kafkaarchiver.verify.DamagedObject;
import io.kafkaarchiver.verify.Gap;
import io.kafkaarchiver.verify.LifeState;
import io.kafkaarchiver.verify.Overlap;
import io.kafkaarchiver.verify.PartitionVerdict;
import io.kafkaarchiver.verify.PartitionVerdict.Status;
import io.kafkaarchiver.verify.Verification;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code verify} for people: a summary row per topic-partition and life of its topic, then the details
 * (each naming its life when the archive holds closed ones), then one line that sums it up.
 */
final class VerificationText {

    private final PrintStream out;

    VerificationText(PrintStream out) {
        this.out = out;
    }

    void print(String archive, String kafkaNote, Verification v) {
        out.println("verify: " + archive + " (" + sources(v) + "), " + kafkaNote);
        if (v.partitions().isEmpty()) {
            out.println("no objects in the archive");
        } else {
            TextTable table = new TextTable("topic", "partition", "objects", "records", "offsets", "kafka start..end", "lag",
                    "gaps", "overlaps", "damaged", "status", "topic id", "life").alignRight(1, 2, 3, 6, 7, 8, 9);
            for (PartitionVerdict p : v.partitions()) {
                table.row(p.partition().topic(), p.partition().partition(), p.coverage().objectCount(), p.coverage().recordCount(),
                        p.coverage().isEmpty() ? "-" : p.coverage().firstOffset() + ".." + p.coverage().lastOffset(),
                        p.kafka().map(k -> k.start() + ".." + k.end()).orElse("-"), p.lag().map(String::valueOf).orElse("-"),
                        p.gaps().size(), p.coverage().overlaps().size(), p.damaged().size(), p.status(), p.topicId().orElse("-"),
                        p.life().word());
            }
            table.print(out, "");
        }
        List<String> details = details(v);
        if (!details.isEmpty()) {
            out.println();
            details.forEach(out::println);
        }
        out.println();
        out.println(summary(v));
    }

    private static String sources(Verification v) {
        return v.sources().stream().map(s -> s == ArchiveCatalog.Source.MANIFEST ? "from the manifest" : "from the listing")
                .collect(Collectors.joining(" and "));
    }

    private static List<String> details(Verification v) {
        List<String> lines = new ArrayList<>();
        boolean severalLives = v.partitions().stream().anyMatch(p -> p.life() == LifeState.CLOSED);
        for (PartitionVerdict p : v.partitions()) {
            String where = p.partition().topic() + "/" + p.partition().partition()
                    + (severalLives ? " (" + p.life().word() + " life" + p.topicId().map(id -> " " + id).orElse("") + ")" : "") + ": ";
            for (Gap g : p.gaps()) {
                lines.add(where + "gap at offsets " + g.from() + ".." + g.to() + " (" + g.offsetCount() + (g.offsetCount() == 1 ? " offset): " : " offsets): ")
                        + g.evidence().description());
            }
            for (DamagedObject d : p.damaged()) {
                lines.add(where + (d.missing() ? "missing object " : "damaged object ") + d.key() + ": " + d.reason());
            }
            for (Overlap o : p.coverage().overlaps()) {
                lines.add(where + "overlap at offsets " + o.from() + ".." + o.to() + ", held by both " + o.firstKey() + " and " + o.secondKey());
            }
            p.warnings().forEach(w -> lines.add(where + w));
            p.notes().forEach(n -> lines.add(where + n));
        }
        v.problems().forEach(p -> lines.add("catalog: " + p));
        return lines;
    }

    private static String summary(Verification v) {
        long ok = v.partitions().stream().filter(p -> p.status() == Status.OK).count();
        long warn = v.partitions().stream().filter(p -> p.status() == Status.WARN).count();
        long fail = v.partitions().stream().filter(p -> p.status() == Status.FAIL).count();
        int n = v.partitions().size();
        int problems = v.problems().size();
        return "verify: " + (v.ok() ? "OK" : "FAILED") + ": " + n + (n == 1 ? " partition" : " partitions")
                + " (" + ok + " OK, " + warn + " WARN, " + fail + " FAIL)"
                + (problems == 0 ? "" : ", " + problems + " catalog " + (problems == 1 ? "problem" : "problems"))
                + (v.kafkaUnanswered() ? ", not compared with Kafka, which could not be asked (--no-kafka checks the archive alone)" : "");
    }
}
