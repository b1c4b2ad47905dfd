package io.kafkaarchiver.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** The filesystem store ({@code archive.store = file}): the directory the archive is in, {@code file.root}. */
public record FileSettings(Path root) implements StoreSettings {

    /** The setting: {@code file.*} is no prefix of the archiver's own (the JVM has {@code file.encoding}), only this key is. */
    public static final String ROOT = "file.root";

    @Override
    public String name() {
        return describe();
    }

    @Override
    public String describe() {
        return "directory " + root;
    }

    static FileSettings read(SettingReader r) {
        Path root = Path.of(r.required(ROOT)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new SettingsException(ROOT, Files.exists(root) ? root + " is not a directory: name the archive's directory"
                    : root + " does not exist: create it (the archiver makes no root, lest a mount that is missing be filled on the local disk)");
        }
        return new FileSettings(root);
    }
}
