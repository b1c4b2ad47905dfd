package io.kafkaarchiver.check;

import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.config.SettingsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Logs in to Kafka once, and looks for the topics to archive: each one named, or those the pattern
 * matches. A topic not there yet is no mistake (the archiver waits for it), but it is said, since it is
 * most often a typo.
 */
final class KafkaCheck {

    /** How many topics a line names; the rest are counted. */
    private static final int NAMED = 10;

    private final KafkaConnection connection;
    private final List<String> topics;
    private final Pattern pattern;

    /** @param pattern {@code archive.topic-pattern}, or null when {@code topics} are named */
    KafkaCheck(KafkaConnection connection, List<String> topics, Pattern pattern) {
        this.connection = connection;
        this.topics = topics;
        this.pattern = pattern;
    }

    /** A {@code kafka} line, then the {@code topics} lines. */
    List<CheckLine> run(Duration timeout) throws InterruptedException {
        try (Admin admin = connection.loginCheckClient(timeout)) {
            String clusterId = admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<CheckLine> lines = new ArrayList<>();
            lines.add(CheckLine.ok("kafka", "Kafka at " + connection.brokers() + ": logged in, cluster " + clusterId));
            lines.addAll(topics(admin, timeout));
            return lines;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                return List.of(CheckLine.failed("kafka", connection.refused(refused)));
            }
            return unanswered(e.getCause().getMessage());
        } catch (TimeoutException e) {
            return unanswered("no answer within " + timeout.toSeconds() + " s");
        } catch (SettingsException e) {
            return List.of(CheckLine.failed("kafka", e));
        }
    }

    private List<CheckLine> unanswered(String reason) {
        return List.of(CheckLine.waiting("kafka", "Kafka at " + connection.brokers() + " did not answer (" + reason
                + "); the archiver keeps trying"), CheckLine.waiting("topics", "not looked for: Kafka did not answer"));
    }

    private List<CheckLine> topics(Admin admin, Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<String> found = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        if (pattern != null) {
            existing.stream().filter(t -> pattern.matcher(t).matches()).forEach(found::add);
        } else {
            topics.forEach(t -> (existing.contains(t) ? found : missing).add(t));
        }
        List<CheckLine> lines = new ArrayList<>();
        if (!found.isEmpty()) {
            Map<String, TopicDescription> described = admin.describeTopics(found).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String named = found.stream().limit(NAMED).map(t -> t + " (" + partitions(described.get(t).partitions().size()) + ")")
                    .collect(Collectors.joining(", ")) + (found.size() > NAMED ? " and " + (found.size() - NAMED) + " more" : "");
            lines.add(CheckLine.ok("topics", pattern != null
                    ? "archive.topic-pattern " + pattern + " matches " + found.size() + (found.size() == 1 ? " topic: " : " topics: ") + named
                    : named));
        }
        if (pattern != null && found.isEmpty()) {
            lines.add(CheckLine.waiting("topics", "no topic in Kafka at " + connection.brokers() + " matches archive.topic-pattern "
                    + pattern + " yet: the archiver waits, and archives each one created that matches"));
        }
        if (!missing.isEmpty()) {
            lines.add(CheckLine.waiting("topics", String.join(", ", missing) + (missing.size() == 1 ? " does" : " do")
                    + " not exist in Kafka at " + connection.brokers() + " yet (or these credentials may not describe "
                    + (missing.size() == 1 ? "it" : "them") + "): the archiver waits, and archives "
                    + (missing.size() == 1 ? "it" : "each") + " once created (archive.topics)"));
        }
        return lines;
    }

    private static String partitions(int n) {
        return n + (n == 1 ? " partition" : " partitions");
    }
}
