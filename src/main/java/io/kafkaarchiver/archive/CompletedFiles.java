package io.kafkaarchiver.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Completed files on their way to S3, as the upload side sees them: where each is, what it holds, and
 * its moves between {@code upload/} and {@code quarantine/} until it is archived and removed.
 */
public final class CompletedFiles {

    private final WorkDir dir;
    private final Ledger ledger;
    private final Duration quarantineWait;

    CompletedFiles(WorkDir dir, Ledger ledger, Duration quarantineWait) {
        this.dir = dir;
        this.ledger = ledger;
        this.quarantineWait = quarantineWait;
    }

    public Path path(WorkFile file) {
        return file.path(dir);
    }

    public ArchiveFacts facts(WorkFile file) {
        return ledger.facts(file);
    }

    /** True while the file waits in the stage it names: another pass (a hand-off) may have archived it. */
    public boolean isWaiting(WorkFile file) {
        return ledger.current(file).filter(file::equals).isPresent();
    }

    /**
     * The file's object is in S3: the file is removed, its offsets marked archived.
     *
     * @return where its partition's commit may advance to now, in the life the partition is in now
     */
    public CommitPoint archived(WorkFile file) throws IOException {
        CommitPoint committable = ledger.archived(file);
        Files.deleteIfExists(file.path(dir));
        return committable;
    }

    /** An upload that ran out of retries: the file waits in {@code quarantine/}, nothing committed or deleted. */
    public WorkFile quarantine(WorkFile file) throws IOException {
        WorkFile quarantined = dir.move(file, file.in(Stage.QUARANTINE, file.compression()));
        // A restart measures the wait from the time the file entered quarantine.
        Files.setLastModifiedTime(quarantined.path(dir), FileTime.from(Instant.now()));
        ledger.moved(file, quarantined);
        return quarantined;
    }

    /**
     * Objects for the upload stage that were not handed to it: quarantined files that have waited
     * {@code archive.quarantine.retry-after}, moved back to {@code upload/} for another round of attempts, and the
     * objects an earlier run left in {@code upload/}.
     */
    public List<WorkFile> awaitingUpload() throws IOException {
        List<WorkFile> files = new ArrayList<>(ledger.takeRecovered(Stage.UPLOAD));
        for (WorkFile file : ledger.quarantinedSince(quarantineWait)) {
            WorkFile back = dir.move(file, file.in(Stage.UPLOAD, file.compression()));
            ledger.moved(file, back);
            files.add(back);
        }
        return files;
    }
}
