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
 * <p>Every edge is taken by some use case: an MCP session always starts with {@code initialize},
 * so ACTIVE is reached through CONNECTING only; a session that dies moves its connection to ERROR;
 * a session lost with the process that held it is recovered to DISCONNECTED from whichever status
 * it claimed; an orderly close ends DISCONNECTED even when the server does not answer.
 *
 * <pre>
 * DISCONNECTED  → CONNECTING
 * CONNECTING    → ACTIVE, ERROR, DISCONNECTED
 * ACTIVE        → DISCONNECTING, ERROR, DISCONNECTED
 * DISCONNECTING → DISCONNECTED
 * ERROR         → CONNECTING, DISCONNECTED
 * </pre>
 */
public enum ConnectionStatus {
    DISCONNECTED, CONNECTING, ACTIVE, DISCONNECTING, ERROR;

    private static final Map<ConnectionStatus, Set<ConnectionStatus>> TRANSITIONS = transitions();

    private static Map<ConnectionStatus, Set<ConnectionStatus>> transitions() {
        var table = new EnumMap<ConnectionStatus, Set<ConnectionStatus>>(ConnectionStatus.class);
        table.put(DISCONNECTED, Collections.unmodifiableSet(EnumSet.of(CONNECTING)));
        table.put(CONNECTING, Collections.unmodifiableSet(EnumSet.of(ACTIVE, ERROR, DISCONNECTED)));
        table.put(ACTIVE, Collections.unmodifiableSet(EnumSet.of(DISCONNECTING, ERROR, DISCONNECTED)));
        table.put(DISCONNECTING, Collections.unmodifiableSet(EnumSet.of(DISCONNECTED)));
        table.put(ERROR, Collections.unmodifiableSet(EnumSet.of(CONNECTING, DISCONNECTED)));
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

    /**
     * Whether a connection in this status claims a live MCP session (CONNECTING, ACTIVE,
     * DISCONNECTING): some instance must hold it, and it is in use.
     */
    public boolean hasSession() {
        return this == CONNECTING || this == ACTIVE || this == DISCONNECTING;
    }

    /** Whether a connection in this status may move to {@code next}. */
    public boolean canTransitionTo(ConnectionStatus next) {
        return allowedTransitions().contains(next);
    }

    /** The lower-case name the seed stores ({@code disconnected}, {@code active}, …). */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code name}, if it is one: ASCII letters in either case, surrounded by
     * ASCII blanks or not ({@code active}, {@code 'ACTIVE '}). Exactly what SQL's {@code lower(trim(…))}
     * matches, so that a query by status finds every row a read by id accepts.
     */
    public static Optional<ConnectionStatus> fromStorageName(String name) {
        var wanted = trimAsciiBlanks(name);
        if (!wanted.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        var lower = wanted.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.storageName().equals(lower)).findFirst();
    }

    /** The blanks stripped around a stored status: space, tab, line feed, carriage return, form feed, vertical tab. */
    public static final String STORAGE_BLANKS = " \t\n\r\f\u000B";

    private static String trimAsciiBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && STORAGE_BLANKS.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && STORAGE_BLANKS.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
