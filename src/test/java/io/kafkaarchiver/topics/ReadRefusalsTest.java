package io.kafkaarchiver.topics;

import java.util.Map;
import java.util.Set;
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
        Set<String> tried = Set.of("billing", "audit", "search");
        Map<String, Throwable> failed = Map.of("billing", new GroupAuthorizationException("Not authorized to access group: billing"),
                "audit", new GroupAuthorizationException("Not authorized to access group: audit"));

        assertThat(refusals.warnings(tried, failed)).containsExactly("Kafka refused to let the archiver read the committed offsets of "
                + "consumer groups audit, billing: it needs Describe on the group; they are not recorded, archiving goes on (1 of 3 read)");
        assertThat(refusals.warnings(tried, failed)).isEmpty();

        // billing is granted Describe, then refused again: said again.
        assertThat(refusals.warnings(tried, Map.of("audit", failed.get("audit")))).isEmpty();
        assertThat(refusals.warnings(tried, failed)).singleElement().asString().contains("consumer group billing:");
    }

    @Test
    void anotherFailureIsNamedWithItsReason() {
        assertThat(refusals.warnings(Set.of("billing"), Map.of("billing", new TimeoutException("coordinator not available"))))
                .containsExactly("consumer group billing: its committed offsets could not be read (coordinator not available); "
                        + "they are not recorded this round, archiving goes on");
    }
}
