package io.kafkaarchiver.runtime;

import io.kafkaarchiver.archive.ArchiveContents;
import io.kafkaarchiver.archive.ArchiverIT;
import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.demo.Deadline;
import io.kafkaarchiver.testkit.ArchiveTestEnvironment;
import io.kafkaarchiver.testkit.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user's own camel-main application runs the archiver's routes beside its own, as the README's "Embed" section says. */
@ExtendWith(ArchiveTestEnvironment.class)
class CamelMainEmbeddingIT {

    /** The user's settings, in place of the classpath root's application.properties, which here is the archiver's. */
    private static final String USER_PROPERTIES = "classpath:embedding/application.properties";

    @TempDir
    Path workDir;

    @Test
    void theArchiversRoutesRunBesideTheApplicationsOwn(TestEnv env) throws Exception {
        String topic = env.topic("embedded");
        env.kafka().createTopic(topic, ArchiverIT.PARTITIONS);
        int count = 200;
        ArchiverIT.produce(env, topic, 0, count);

        CountDownLatch heartbeats = new CountDownLatch(3);
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(USER_PROPERTIES);
        main.bind("heartbeats", heartbeats);
        CamelMainArchive.addTo(main, ArchiverIT.settings(env, workDir, "archive.topics", topic));
        main.start();
        try {
            ArchiverIT.awaitArchived(env, topic, count);
            ArchiverIT.awaitCommitted(env, topic, count);
            Deadline.await("the application's own heartbeats", Duration.ofSeconds(10), () -> heartbeats.getCount() == 0);
            assertThat(main.getCamelContext().getName()).isEqualTo("orders-app");
        } finally {
            main.stop();
        }
        assertThat(main.getCamelContext().getStatus()).isEqualTo(ServiceStatus.Stopped);
        assertThat(ArchiveContents.read(env).offsetCounts(topic)).hasSize(count).allSatisfy((offset, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void anApplicationThatStopsItsRoutesInReverseOrderIsRefused(TestEnv env) throws Exception {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(USER_PROPERTIES);
        main.addOverrideProperty("camel.main.shutdown-routes-in-reverse-order", "true");
        main.bind("heartbeats", new CountDownLatch(1));
        ArchiveConfiguration configuration = CamelMainArchive.addTo(main, ArchiverIT.settings(env, workDir, "archive.topics", env.topic("refused")));
        try {
            assertThatThrownBy(main::start).isInstanceOf(SettingsException.class).hasMessageContaining("camel.main.shutdown-routes-in-reverse-order");
        } finally {
            main.stop();
            configuration.close();
        }
    }
}
