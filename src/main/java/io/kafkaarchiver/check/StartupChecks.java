package io.kafkaarchiver.check;

import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.FileSettings;
import io.kafkaarchiver.config.SettingsException;
import io.kafkaarchiver.config.StoredArchive;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.upload.StoreCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each thing the archiver depends on, once, before it archives: the working directory, the Kafka
 * login and the topics, the store. Each check is one line; a setting found wrong stops the start, and
 * what is only not there yet (a server that does not answer, a topic not created) is said and waited for.
 */
public final class StartupChecks {

    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ArchiveSettings settings;

    public StartupChecks(ArchiveSettings settings) {
        this.settings = settings;
    }

    /** Every check, in order, whatever the earlier ones found. */
    public List<CheckLine> all() throws InterruptedException {
        List<CheckLine> lines = new ArrayList<>();
        Optional<Path> archiveRoot = settings.archive().store() instanceof FileSettings file ? Optional.of(file.root()) : Optional.empty();
        lines.add(new WorkDirCheck(settings.workDir(), settings.minFreeDisk(), archiveRoot).run());
        lines.addAll(new KafkaCheck(settings.kafka(), settings.topics(), settings.topicPattern()).run(TIMEOUT));
        lines.add(store(settings.archive()));
        return lines;
    }

    /**
     * The checks before archiving: each line logged, and the first bad setting thrown.
     *
     * @throws SettingsException naming the first setting a check found wrong
     */
    public void beforeArchiving() throws InterruptedException {
        List<CheckLine> lines = all();
        for (CheckLine line : lines) {
            if (line.status() == CheckLine.Status.FAILED) {
                throw line.badSetting().orElseThrow();
            }
        }
        for (CheckLine line : lines) {
            if (line.status() == CheckLine.Status.WAIT) {
                LOG.warn("{}", line.line());
            } else {
                LOG.info("Checked {}: {}", line.what(), line.line());
            }
        }
    }

    private static CheckLine store(StoredArchive archive) {
        try (ArchiveStore store = archive.open()) {
            StoreCheck.Outcome outcome = new StoreCheck(store, archive.manifest(store).accessCheckKey()).write();
            if (outcome instanceof StoreCheck.Refused refused) {
                return CheckLine.failed("store", new SettingsException(refused.refusal().setting(), refused.refusal().message()));
            }
            return outcome instanceof StoreCheck.Accepted ? CheckLine.ok("store", outcome.line())
                    : CheckLine.waiting("store", outcome.line() + "; the archiver keeps trying");
        }
    }
}
