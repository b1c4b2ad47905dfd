package io.kafkaarchiver.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Completed files on their way to S3, as the upload side sees them: where each is, what it holds, its
 * turn in the upload stage ({@link UploadWindow}), and its moves between {@code upload/} and
 * {@code quarantine/} until it is archived and removed.
 */
public final class CompletedFiles {

    private final WorkDir dir;
    private final Ledger ledger;
    private final Duration quarantineWait;
    private final Clock clock;
    /** When the store last took an object or answered a probe. */
    private volatile Instant storeAnswered = Instant.MIN;
    private final UploadWindow window;

    CompletedFiles(WorkDir dir, Ledger ledger, Duration quarantineWait, Clock clock) {
        this.dir = dir;
        this.ledger = ledger;
        this.quarantineWait = quarantineWait;
        this.clock = clock;
        this.window = new UploadWindow(UploadWindow.SIZE);
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
        window.left(file);
        return committable;
    }

    /** True when the object made now may go to the upload stage; otherwise it waits its turn in {@code upload/}. */
    public boolean admitted(WorkFile object) {
        return object != null && window.admit(object);
    }

    /**
     * An object's exchange left the upload stage without archiving or quarantining it (another pass had archived
     * it, or the exchange was lost): its place goes to the next, and if it still waits, it waits its turn again.
     */
    public void leftUploadStage(WorkFile object) {
        if (object == null) {
            return;
        }
        if (isWaiting(object)) {
            window.dropped(object);
        } else {
            window.left(object);
        }
    }

    /** After an upload has ended: the next object that waits its turn, let in to the upload stage; null when none waits. */
    public WorkFile nextAwaitingUpload() {
        List<WorkFile> next = window.next(this::isWaiting, 1);
        return next.isEmpty() ? null : next.get(0);
    }

    /** An upload that ran out of retries: the file waits in {@code quarantine/}, nothing committed or deleted. */
    public WorkFile quarantine(WorkFile file) throws IOException {
        WorkFile quarantined = dir.move(file, file.in(Stage.QUARANTINE, file.compression()));
        // A restart measures the wait from the time the file entered quarantine.
        Files.setLastModifiedTime(quarantined.path(dir), FileTime.from(Instant.now()));
        ledger.moved(file, quarantined);
        window.left(file);
        return quarantined;
    }

    /** The store took an object, or answered a probe: what was quarantined before is tried again at once. */
    public void storeAnswered() {
        storeAnswered = clock.instant();
    }

    /** True when files wait in quarantine that the store has not been seen to answer since. */
    public boolean quarantineWaitsForStore() {
        return ledger.quarantined().values().stream().anyMatch(since -> !since.isBefore(storeAnswered));
    }

    /**
     * Objects for the upload stage that were not handed to it, as far as it has room: those an earlier run left
     * in {@code upload/}; quarantined files that have waited {@code archive.quarantine.retry-after}, or that were
     * quarantined before the store answered again, moved back to {@code upload/} for another round of attempts;
     * and those that waited their turn.
     */
    public List<WorkFile> awaitingUpload() throws IOException {
        List<WorkFile> files = new ArrayList<>(ledger.takeRecovered(Stage.UPLOAD));
        Instant waited = clock.instant().minus(quarantineWait);
        Instant due = storeAnswered.isAfter(waited) ? storeAnswered : waited;
        for (WorkFile file : ledger.quarantinedBefore(due)) {
            WorkFile back = dir.move(file, file.in(Stage.UPLOAD, file.compression()));
            ledger.moved(file, back);
            files.add(back);
        }
        List<WorkFile> admitted = new ArrayList<>(files.stream().filter(window::admit).toList());
        admitted.addAll(window.next(this::isWaiting, Integer.MAX_VALUE));
        return admitted;
    }

    /** Objects in {@code upload/} waiting their turn in the upload stage. */
    public int waitingTurn() {
        return window.waitingCount();
    }
}
