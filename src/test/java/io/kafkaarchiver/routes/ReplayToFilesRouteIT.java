package io.kafkaarchiver.routes;

import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.replay.ReplaySource;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example replay route as the jar ships it, on an archive the real archiver wrote: the component Camel finds by
 * itself reads the archive the context's s3.* settings name, and the window's values land a line each in a file per
 * partition, in offset order, tombstones left out; then the route stops itself.
 */
@ExtendWith(ArchiveTestEnvironment.class)
class ReplayToFilesRouteIT extends CamelTestSupport {

    private static final String ROUTE = "classpath:routes/replay/replay-to-files.camel.yaml";

    @TempDir
    static Path dir;
    private static ReplaySource source;

    @BeforeAll
    static void archive(TestEnv env) throws Exception {
        source = ReplaySource.archive(env, dir, "replayed-to-files", 200);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        Properties p = new Properties();
        p.putAll(source.settings());
        p.setProperty("replay.topic", source.topic());
        p.setProperty("replay.from", Instant.ofEpochMilli(source.firstTimestamp() + 50).toString());
        p.setProperty("replay.to", Instant.ofEpochMilli(source.firstTimestamp() + 150).toString());
        p.setProperty("replay.checkpoint", dir.resolve("replay-checkpoint.json").toString());
        p.setProperty("replay.dir", dir.resolve("out").toString());
        camel.getPropertiesComponent().setInitialProperties(p);
        return camel;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(PluginHelper.getResourceLoader(context).resolveResource(ROUTE))
                .toArray(RoutesBuilder[]::new);
    }

    @Test
    void theWindowsValuesLandALineEachInAFilePerPartition() throws Exception {
        Deadline.await("the replay done and its route stopped", Duration.ofSeconds(20),
                () -> context.getRouteController().getRouteStatus("archive-replay-to-files") == ServiceStatus.Stopped);
        long from = source.firstTimestamp() + 50;
        long to = source.firstTimestamp() + 150;
        for (int partition = 0; partition < 4; partition++) {
            int p = partition;
            List<String> expected = source.expected(s -> s.partition() == p && s.record().timestamp() >= from && s.record().timestamp() < to
                    && s.record().value() != null).stream().map(s -> new String(s.record().value(), StandardCharsets.UTF_8)).toList();
            Path file = dir.resolve("out").resolve(source.topic() + "-" + p + ".jsonl");
            assertThat(Files.readAllLines(file)).as(file.toString()).isNotEmpty().containsExactlyElementsOf(expected);
        }
        assertThat(dir.resolve("replay-checkpoint.json")).exists();
    }
}
