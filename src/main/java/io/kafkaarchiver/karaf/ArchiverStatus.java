package io.kafkaarchiver.karaf;

import java.util.Optional;

/** Why the archiver is stopped, in the line its log says, from a failed start until one succeeds. */
final class ArchiverStatus {

    // Written under ManagedArchiver's lock, read by Karaf's shell threads.
    private volatile String stoppedBy;

    void stoppedBy(String line) {
        stoppedBy = line;
    }

    void running() {
        stoppedBy = null;
    }

    /** @return the line that says why, empty while the archiver runs (or before it is first started) */
    Optional<String> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }
}
