package io.kafkaarchiver.check;

import io.kafkaarchiver.config.SettingsException;
import java.util.Optional;

/**
 * What one startup check found, in one line: all is well (OK), the archiver can start but waits for
 * something that is not there yet (WAIT), or a setting is wrong (FAILED, naming it).
 *
 * @param what       what was checked: {@code kafka}, {@code topics}, {@code store}, {@code work-dir}
 * @param badSetting the setting at fault, for FAILED only
 */
public record CheckLine(String what, Status status, String line, Optional<SettingsException> badSetting) {

    /** How a check went. */
    public enum Status { OK, WAIT, FAILED }

    static CheckLine ok(String what, String line) {
        return new CheckLine(what, Status.OK, line, Optional.empty());
    }

    static CheckLine waiting(String what, String line) {
        return new CheckLine(what, Status.WAIT, line, Optional.empty());
    }

    static CheckLine failed(String what, SettingsException e) {
        return new CheckLine(what, Status.FAILED, "bad setting " + e.getMessage(), Optional.of(e));
    }
}
