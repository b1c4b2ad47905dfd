package io.kafkaarchiver.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** The filesystem store ({@code archive.store = file}): the directory the archive is in, {@code file.root}. */
public record FileSettings(Path root) implements StoreSettings {

    @Override
    public String name() {
        return describe();
    }

    @Override
    public String describe() {
        return "directory " + root;
    }

    static FileSettings read(SettingReader r) {
        Path root = Path.of(r.required("file.root")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new SettingsException("file.root", root + (Files.exists(root) ? " is not a directory" : " does not exist")
                    + ": create it (the archiver makes no root, lest a mount that is missing be filled on the local disk)");
        }
        return new FileSettings(root);
    }
}
