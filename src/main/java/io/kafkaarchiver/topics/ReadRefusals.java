package io.kafkaarchiver.topics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Turns what Kafka would not let the archiver read (a consumer group's offsets without Describe on the
 * group, a topic's configuration without DescribeConfigs) into warnings: what was refused, what it
 * takes, and that archiving goes on. Each name is warned of once while it stays refused, not at every
 * round; once it reads again, a later refusal is warned of again. Safe for the two routes' threads at once.
 */
final class ReadRefusals {

    private final String subject;
    private final String read;
    private final String permission;
    private final Set<String> warned = new HashSet<>();

    /**
     * @param subject    what the names are ("consumer group")
     * @param read       what was to be read of each ("committed offsets")
     * @param permission the ACL it takes ("Describe on the group")
     */
    ReadRefusals(String subject, String read, String permission) {
        this.subject = subject;
        this.read = read;
        this.permission = permission;
    }

    /** The warnings for one round's reads. */
    synchronized List<String> warnings(Reads<?> reads) {
        Map<String, Throwable> failed = reads.failed();
        warned.retainAll(failed.keySet());
        Set<String> refused = new TreeSet<>();
        List<String> warnings = new ArrayList<>();
        failed.forEach((name, cause) -> {
            if (!warned.add(name)) {
                return;
            }
            if (cause instanceof AuthorizationException) {
                refused.add(name);
            } else {
                warnings.add(subject + " " + name + ": its " + read + " could not be read (" + cause.getMessage()
                        + "); they are not recorded this round, archiving goes on");
            }
        });
        if (!refused.isEmpty()) {
            warnings.add(0, "Kafka refused to let the archiver read the " + read + " of " + subject + (refused.size() == 1 ? " " : "s ")
                    + String.join(", ", refused) + ": it needs " + permission + "; they are not recorded, archiving goes on (" + reads.read().size()
                    + " of " + (reads.read().size() + failed.size()) + " read)");
        }
        return warnings;
    }
}
