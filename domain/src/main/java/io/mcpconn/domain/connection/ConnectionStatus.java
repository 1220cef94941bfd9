package io.mcpconn.domain.connection;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a connection is in its life cycle. The transition table below is the only place the
 * allowed moves are written down; every command of {@link McpConnection} checks it, and the
 * README's state diagram is tested against it.
 *
 * <pre>
 * DISCONNECTED  → CONNECTING, ACTIVE, ERROR
 * CONNECTING    → ACTIVE, ERROR, DISCONNECTED
 * ACTIVE        → DISCONNECTING, DISCONNECTED, ERROR
 * DISCONNECTING → DISCONNECTED, ERROR
 * ERROR         → DISCONNECTED, CONNECTING
 * </pre>
 */
public enum ConnectionStatus {
    DISCONNECTED, CONNECTING, ACTIVE, DISCONNECTING, ERROR;

    private static final Map<ConnectionStatus, Set<ConnectionStatus>> TRANSITIONS = transitions();

    private static Map<ConnectionStatus, Set<ConnectionStatus>> transitions() {
        var table = new EnumMap<ConnectionStatus, Set<ConnectionStatus>>(ConnectionStatus.class);
        table.put(DISCONNECTED, Collections.unmodifiableSet(EnumSet.of(CONNECTING, ACTIVE, ERROR)));
        table.put(CONNECTING, Collections.unmodifiableSet(EnumSet.of(ACTIVE, ERROR, DISCONNECTED)));
        table.put(ACTIVE, Collections.unmodifiableSet(EnumSet.of(DISCONNECTING, DISCONNECTED, ERROR)));
        table.put(DISCONNECTING, Collections.unmodifiableSet(EnumSet.of(DISCONNECTED, ERROR)));
        table.put(ERROR, Collections.unmodifiableSet(EnumSet.of(DISCONNECTED, CONNECTING)));
        return Collections.unmodifiableMap(table);
    }

    /** The status every new connection starts in. */
    public static ConnectionStatus initial() {
        return DISCONNECTED;
    }

    /** The whole transition table, for documentation and tests. */
    public static Map<ConnectionStatus, Set<ConnectionStatus>> transitionTable() {
        return TRANSITIONS;
    }

    /** The statuses a connection in this status may move to. */
    public Set<ConnectionStatus> allowedTransitions() {
        return TRANSITIONS.get(this);
    }

    /** Whether a connection in this status may move to {@code next}. */
    public boolean canTransitionTo(ConnectionStatus next) {
        return allowedTransitions().contains(next);
    }

    /** The lower-case name the seed stores ({@code disconnected}, {@code active}, …). */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status stored as {@code name}, if it is one (case-insensitive, surrounding blanks ignored). */
    public static Optional<ConnectionStatus> fromStorageName(String name) {
        var wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.storageName().equals(wanted)).findFirst();
    }
}
