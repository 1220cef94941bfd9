package io.mcpconn.domain.tool;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The tools one connection offers, in the order the server listed them, with unique names.
 */
public final class ToolCatalog implements Iterable<Tool> {

    /** No tools. */
    public static final ToolCatalog EMPTY = new ToolCatalog(Map.of());

    private final Map<String, Tool> byName;

    private ToolCatalog(Map<String, Tool> byName) {
        this.byName = byName;
    }

    /**
     * A catalog of these tools.
     *
     * @throws InvalidValueException if two tools share a name
     */
    public static ToolCatalog of(List<Tool> tools) {
        var byName = new LinkedHashMap<String, Tool>();
        var duplicates = new TreeSet<String>();
        for (var tool : tools) {
            if (byName.putIfAbsent(tool.name(), tool) != null) {
                duplicates.add(tool.name());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidValueException("tool names must be unique within a connection, but "
                    + duplicates.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                    + (duplicates.size() == 1 ? " is" : " are") + " listed more than once");
        }
        return new ToolCatalog(java.util.Collections.unmodifiableMap(byName));
    }

    /** A catalog of these tools; see {@link #of(List)}. */
    public static ToolCatalog of(Tool... tools) {
        return of(List.of(tools));
    }

    /** The tools, in the server's order. */
    public List<Tool> tools() {
        return List.copyOf(byName.values());
    }

    /** The tool named {@code name}, if offered. */
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** How many tools there are. */
    public int size() {
        return byName.size();
    }

    /** Whether there are no tools. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** What changes from this catalog to {@code next}, by tool name. */
    public ToolChanges changesTo(ToolCatalog next) {
        var added = new TreeSet<String>();
        var changed = new TreeSet<String>();
        next.byName.forEach((name, tool) -> {
            var before = byName.get(name);
            if (before == null) {
                added.add(name);
            } else if (!before.equals(tool)) {
                changed.add(name);
            }
        });
        var removed = new TreeSet<>(byName.keySet());
        removed.removeAll(next.byName.keySet());
        return new ToolChanges(added, removed, changed);
    }

    @Override
    public Iterator<Tool> iterator() {
        return byName.values().iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ToolCatalog catalog && List.copyOf(byName.values()).equals(List.copyOf(catalog.byName.values()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(byName.values()).hashCode();
    }

    @Override
    public String toString() {
        return "ToolCatalog" + byName.keySet();
    }
}
