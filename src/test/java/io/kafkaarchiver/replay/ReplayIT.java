package io.kafkaarchiver.replay;

import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.Message;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays an archive the real archiver wrote (several objects per partition) into routes: windows deliver exactly
 * their records, per partition in offset order, as camel-kafka's messages; a checkpointed replay stopped half-way
 * and started again delivers each record once; the rate limit holds; progress reaches the meter registry.
 */
@ExtendWith(ArchiveTestEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    private static final int RECORDS = 400;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ReplaySource source;
    private Path dir;

    @BeforeAll
    void archive(TestEnv env, @TempDir Path dir) throws Exception {
        this.dir = dir;
        this.source = ReplaySource.archive(env, dir, "orders", RECORDS);
    }

    @Test
    void windowsReplayExactlyTheirRecordsAsCamelKafkaGivesThem() throws Exception {
        long from = source.firstTimestamp() + 100;
        long to = source.firstTimestamp() + 300;
        assertReplays("from=" + Instant.ofEpochMilli(from) + "&to=" + Instant.ofEpochMilli(to),
                s -> s.record().timestamp() >= from && s.record().timestamp() < to);
        assertReplays("partitions=1,2&fromOffset=30&toOffset=60",
                s -> (s.partition() == 1 || s.partition() == 2) && s.offset() >= 30 && s.offset() <= 60);
    }

    @Test
    void aCheckpointedReplayStoppedHalfwayAndStartedAgainDeliversEachRecordOnce() throws Exception {
        Path checkpoint = dir.resolve("orders.checkpoint.json");
        String uri = "kafka-archive:" + source.topic() + "?checkpoint=" + checkpoint + "&checkpointEvery=7&maxRate=300";
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        try (DefaultCamelContext first = camel(uri, "collect", null)) {
            first.getRegistry().bind("collect", (org.apache.camel.Processor) e -> delivered.add(at(e.getIn())));
            first.start();
            Deadline.await("half of the records delivered", WAIT, () -> delivered.size() >= RECORDS / 2);
        }
        int beforeStop = delivered.size();
        assertThat(beforeStop).as("stopped half-way").isLessThan(RECORDS);
        assertThat(checkpoint).exists();
        assertThat(checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp")).doesNotExist();

        try (DefaultCamelContext second = camel(uri + "&stopWhenDone=true", "collect", null)) {
            second.getRegistry().bind("collect", (org.apache.camel.Processor) e -> delivered.add(at(e.getIn())));
            second.start();
            awaitStopped(second);
        }
        assertThat(delivered).doesNotHaveDuplicates().hasSize(RECORDS)
                .containsExactlyInAnyOrderElementsOf(source.expected(s -> true).stream().map(s -> s.partition() + "@" + s.offset()).toList());
        assertThat(Files.readString(checkpoint)).contains("\"next_offsets\"");
    }

    @Test
    void theRateLimitHoldsAndTheMetersCountTheRecords() throws Exception {
        int records = 40 * 4;
        int rate = 100;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long start = System.nanoTime();
        try (DefaultCamelContext camel = camel("kafka-archive:" + source.topic() + "?toOffset=39&maxRate=" + rate, "mock:limited", registry)) {
            camel.start();
            Deadline.await("the meters to count " + records + " records", WAIT, () -> {
                Counter counter = registry.find(ReplayProgress.RECORDS).tag("topic", source.topic()).counter();
                return counter != null && counter.count() == records;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            // The bucket starts with a tenth of a second's worth of records.
            assertThat(seconds).isGreaterThanOrEqualTo((records - rate / 10.0) / rate);
            assertThat(registry.find(ReplayProgress.NEXT_OFFSET).tags("topic", source.topic(), "partition", "3").gauge().value()).isEqualTo(40);
            assertThat(camel.getEndpoint("mock:limited", MockEndpoint.class).getReceivedCounter()).isEqualTo(records);
        }
        assertThat(registry.find(ReplayProgress.RECORDS).counter()).as("removed as the route stops").isNull();
    }

    /** The route replays exactly the records {@code chosen} selects, in offset order per partition, as camel-kafka's messages. */
    private void assertReplays(String options, Predicate<ReplaySource.Sent> chosen) throws Exception {
        List<ReplaySource.Sent> expected = source.expected(chosen);
        try (DefaultCamelContext camel = camel("kafka-archive:" + source.topic() + "?stopWhenDone=true&" + options, "mock:replayed", null)) {
            MockEndpoint mock = camel.getEndpoint("mock:replayed", MockEndpoint.class);
            camel.start();
            awaitStopped(camel);
            List<Exchange> received = new ArrayList<>(mock.getReceivedExchanges());
            received.sort((a, b) -> Integer.compare(a.getIn().getHeader(KafkaConstants.PARTITION, Integer.class),
                    b.getIn().getHeader(KafkaConstants.PARTITION, Integer.class)));
            assertThat(received.stream().map(e -> at(e.getIn())).toList()).as(options)
                    .containsExactlyElementsOf(expected.stream().map(s -> s.partition() + "@" + s.offset()).toList());
            for (int i = 0; i < expected.size(); i++) {
                assertSameRecord(received.get(i).getIn(), expected.get(i));
            }
        }
    }

    private void assertSameRecord(Message m, ReplaySource.Sent s) {
        String at = at(m);
        assertThat(m.getHeader(KafkaConstants.TOPIC)).as(at).isEqualTo(source.topic());
        assertThat(m.getHeader(KafkaConstants.TIMESTAMP)).as(at).isEqualTo(s.record().timestamp());
        if (s.record().key() == null) {
            assertThat(m.getHeaders()).as(at + " key").doesNotContainKey(KafkaConstants.KEY);
        } else {
            assertThat(m.getHeader(KafkaConstants.KEY)).as(at + " key").isEqualTo(s.record().key());
        }
        assertThat(m.getBody()).as(at + " value").isEqualTo(s.record().value());
        // As camel-kafka gives them: each header a byte[] (the last of a repeated key; its filter drops null values), all of
        // them, nulls too, in kafka.HEADERS.
        assertThat(m.getHeader("trace")).as(at).isEqualTo(s.record().headers().lastHeader("trace").value());
        assertThat(m.getHeaders()).as(at).doesNotContainKey("nil");
        Header[] all = m.getHeader(KafkaConstants.HEADERS, Headers.class).toArray();
        assertThat(all).extracting(Header::key).containsExactly("trace", "trace", "nil");
        assertThat(all).extracting(Header::value).containsExactly(s.record().headers().toArray()[0].value(), s.record().headers().toArray()[1].value(),
                null);
    }

    private static String at(Message m) {
        return m.getHeader(KafkaConstants.PARTITION) + "@" + m.getHeader(KafkaConstants.OFFSET);
    }

    /** A CamelContext with the component bound as the archiver's settings make it, and one route into {@code to} ("collect": a bean). */
    private DefaultCamelContext camel(String uri, String to, MeterRegistry registry) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("kafka-archive", ReplayComponent.from(source.settings()));
        if (registry != null) {
            camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("replay").to(to.startsWith("mock:") ? to : "bean:" + to);
            }
        });
        return camel;
    }

    private static void awaitStopped(DefaultCamelContext camel) throws Exception {
        Deadline.await("the replay done and its route stopped", WAIT,
                () -> camel.getRouteController().getRouteStatus("replay") == ServiceStatus.Stopped);
    }
}
