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
 *
 * <p>A catalog is stored and read back whole with its connection, so it is bounded: at most
 * {@link #MAX_TOOLS} tools taking at most {@link #MAX_BYTES} of JSON together.
 */
public final class ToolCatalog implements Iterable<Tool> {

    /** Most tools one connection may offer. */
    public static final int MAX_TOOLS = 10_000;

    /** Most bytes of JSON the tools of one connection may take together: 32 MiB. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    /** No tools. */
    public static final ToolCatalog EMPTY = new ToolCatalog(Map.of(), 0);

    private final Map<String, Tool> byName;
    private final long bytes;

    private ToolCatalog(Map<String, Tool> byName, long bytes) {
        this.byName = byName;
        this.bytes = bytes;
    }

    /**
     * A catalog of these tools.
     *
     * @throws InvalidValueException if two tools share a name, or there are more than
     *     {@link #MAX_TOOLS} of them, or they take more than {@link #MAX_BYTES}
     */
    public static ToolCatalog of(List<Tool> tools) {
        if (tools.size() > MAX_TOOLS) {
            throw new InvalidValueException("a connection may offer at most " + MAX_TOOLS + " tools"
                    + " (ToolCatalog.MAX_TOOLS), but " + tools.size() + " are listed");
        }
        var byName = new LinkedHashMap<String, Tool>();
        var duplicates = new TreeSet<String>();
        long bytes = 0;
        for (var tool : tools) {
            if (byName.putIfAbsent(tool.name(), tool) != null) {
                duplicates.add(tool.name());
            }
            bytes += tool.encodedBytes();
        }
        if (bytes > MAX_BYTES) {
            throw new InvalidValueException("the tools of a connection may take at most " + MAX_BYTES
                    + " bytes of JSON (32 MiB, ToolCatalog.MAX_BYTES), but these " + tools.size() + " take " + bytes);
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidValueException("tool names must be unique within a connection, but "
                    + duplicates.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                    + (duplicates.size() == 1 ? " is" : " are") + " listed more than once");
        }
        return new ToolCatalog(java.util.Collections.unmodifiableMap(byName), bytes);
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

    /** How many bytes of JSON the tools take together, about as stored. */
    public long encodedBytes() {
        return bytes;
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
