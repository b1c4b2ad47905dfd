package io.kafkaarchiver.restore;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which consumer groups a restore moves to the target topic: none, those named, or every group the archive recorded. */
public record GroupChoice(boolean all, SortedSet<String> named) {

    public static final GroupChoice NONE = new GroupChoice(false, new TreeSet<>());
    public static final GroupChoice ALL = new GroupChoice(true, new TreeSet<>());

    public GroupChoice {
        named = Collections.unmodifiableSortedSet(new TreeSet<>(named));
    }

    /** From the command line or the route: named groups, or all of them; not both. */
    public static GroupChoice of(Collection<String> named, boolean all) {
        TreeSet<String> groups = new TreeSet<>();
        named.stream().map(String::trim).filter(g -> !g.isEmpty()).forEach(groups::add);
        if (all && !groups.isEmpty()) {
            throw RestoreException.badRequest("name the groups to move (groups) or move them all (all-groups), not both");
        }
        return all ? ALL : new GroupChoice(false, groups);
    }

    public boolean none() {
        return !all && named.isEmpty();
    }
}
