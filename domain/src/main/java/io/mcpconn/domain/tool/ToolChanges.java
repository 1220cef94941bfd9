package io.mcpconn.domain.tool;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a re-discovery changed in a connection's tools, by tool name.
 *
 * @param added   names offered now that were not before
 * @param removed names no longer offered
 * @param changed names still offered whose definition differs
 */
public record ToolChanges(SortedSet<String> added, SortedSet<String> removed, SortedSet<String> changed) {

    /** Nothing changed. */
    public static final ToolChanges NONE = new ToolChanges(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());

    public ToolChanges {
        added = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(added, "added")));
        removed = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(removed, "removed")));
        changed = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(changed, "changed")));
    }

    /** Whether nothing was added, removed or changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
