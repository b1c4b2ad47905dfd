package io.kafkaarchiver.store.file;

import io.kafkaarchiver.store.StorePage;
import io.kafkaarchiver.store.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One page of a {@link FileStore}'s listing, in key order as S3 gives it: the folders below the prefix are
 * walked in the order of their keys (a folder {@code d} as {@code d/}), those wholly before the page's start
 * skipped unread, so a page costs what it lists, not what comes before it.
 */
final class KeyWalk {

    /** As S3's ListObjectsV2. */
    static final int PAGE = 1_000;

    private final FileLayout layout;
    private final String prefix;
    private final boolean folders;
    private final Optional<String> after;
    private final List<StoredObject> objects = new ArrayList<>();
    private final List<String> folderKeys = new ArrayList<>();
    private String last;
    private boolean full;

    KeyWalk(FileLayout layout, String prefix, boolean folders, Optional<String> after) {
        this.layout = layout;
        this.prefix = prefix;
        this.folders = folders;
        this.after = after;
    }

    StorePage page() throws IOException {
        String base = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        Path start = base.isEmpty() ? layout.root() : layout.object(base.substring(0, base.length() - 1));
        walk(start, base, true);
        return new StorePage(List.copyOf(objects), List.copyOf(folderKeys), full ? Optional.of(last) : Optional.empty());
    }

    /** Lists {@code folder} (whose keys start with {@code folderKey}); false once the page is full. */
    private boolean walk(Path folder, String folderKey, boolean top) throws IOException {
        for (Entry entry : entries(folder, folderKey)) {
            if (top && !entry.key().startsWith(prefix)) {
                continue;
            }
            if (entry.folder()) {
                if (before(entry.key())) {
                    continue;
                }
                if (folders) {
                    if (!add(entry.key())) {
                        return false;
                    }
                    folderKeys.add(entry.key());
                } else if (!walk(entry.path(), entry.key(), false)) {
                    return false;
                }
            } else if (after.map(a -> entry.key().compareTo(a) > 0).orElse(true)) {
                if (!add(entry.key())) {
                    return false;
                }
                try {
                    objects.add(new StoredObject(entry.key(), Files.size(entry.path()), "", Map.of()));
                } catch (NoSuchFileException deleted) {
                    // Deleted since the folder was read: not listed.
                }
            }
        }
        return true;
    }

    /**
     * True for a folder wholly at or before the page's start: one listed on an earlier page (with folders), or
     * (without) one whose keys all come before it.
     */
    private boolean before(String folderKey) {
        return after.isPresent() && folderKey.compareTo(after.get()) <= 0 && (folders || !after.get().startsWith(folderKey));
    }

    /** Room for one more key on the page: false (and the page full, to go on after the last key) when there is none. */
    private boolean add(String key) {
        if (objects.size() + folderKeys.size() == PAGE) {
            full = true;
            return false;
        }
        last = key;
        return true;
    }

    private record Entry(Path path, String key, boolean folder) {
    }

    private List<Entry> entries(Path folder, String folderKey) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(p -> !layout.isOwn(p)).map(p -> {
                boolean isFolder = Files.isDirectory(p);
                return new Entry(p, folderKey + p.getFileName() + (isFolder ? "/" : ""), isFolder);
            }).sorted(Comparator.comparing(Entry::key)).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
