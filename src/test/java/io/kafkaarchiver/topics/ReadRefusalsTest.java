package io.kafkaarchiver.topics;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the archiver says when Kafka refuses to let it read a group's offsets (a cluster with ACLs, which
 * the integration tests' broker does not run): the groups, the ACL it takes, and that archiving goes on;
 * once per group while it stays refused.
 */
class ReadRefusalsTest {

    private final ReadRefusals refusals = new ReadRefusals("consumer group", "committed offsets", "Describe on the group");

    @Test
    void aRefusedGroupIsNamedWithThePermissionItTakesOnceWhileItStaysRefused() {
        Map<String, Throwable> failed = Map.of("billing", new GroupAuthorizationException("Not authorized to access group: billing"),
                "audit", new GroupAuthorizationException("Not authorized to access group: audit"));
        Reads<Integer> round = reads(Map.of("search", 1), failed);

        assertThat(refusals.warnings(round)).containsExactly("Kafka refused to let the archiver read the committed offsets of "
                + "consumer groups audit, billing: it needs Describe on the group; they are not recorded, archiving goes on (1 of 3 read)");
        assertThat(refusals.warnings(round)).isEmpty();

        // billing is granted Describe, then refused again: said again.
        assertThat(refusals.warnings(reads(Map.of("search", 1, "billing", 1), Map.of("audit", failed.get("audit"))))).isEmpty();
        assertThat(refusals.warnings(round)).singleElement().asString().contains("consumer group billing:");
    }

    private static Reads<Integer> reads(Map<String, Integer> read, Map<String, Throwable> failed) {
        return new Reads<>(new TreeMap<>(read), new TreeMap<>(failed));
    }

    @Test
    void anotherFailureIsNamedWithItsReason() {
        assertThat(refusals.warnings(reads(Map.of(), Map.of("billing", new TimeoutException("coordinator not available")))))
                .containsExactly("consumer group billing: its committed offsets could not be read (coordinator not available); "
                        + "they are not recorded this round, archiving goes on");
    }
}
