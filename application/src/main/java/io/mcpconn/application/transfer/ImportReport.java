package io.mcpconn.application.transfer;

import java.util.List;
import java.util.Objects;

/**
 * What an import did (or, in a dry run, would do), entry by entry, in file order.
 *
 * @param lines  one per entry
 * @param dryRun whether nothing was written
 */
public record ImportReport(List<Line> lines, boolean dryRun) {

    /** What happened to one entry. */
    public enum Action {
        /** Registered as a new connection. */
        REGISTERED,
        /** An existing connection of that name took the new configuration. */
        UPDATED,
        /** An existing connection of that name has this very configuration already. */
        UNCHANGED,
        /** An existing connection of that name has another configuration, and updating was not asked for. */
        SKIPPED,
        /** The entry is invalid; the problem says why. */
        INVALID,
        /** The entry is valid but could not be stored; the problem says why. */
        FAILED
    }

    /**
     * @param name   the server's name as the file gives it
     * @param action what happened
     * @param detail why, for every action but {@link Action#REGISTERED}
     */
    public record Line(String name, Action action, String detail) {
        public Line {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public ImportReport {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    /** How many entries ended with {@code action}. */
    public long count(Action action) {
        return lines.stream().filter(line -> line.action() == action).count();
    }

    /** Whether any entry was invalid or failed. */
    public boolean hasProblems() {
        return count(Action.INVALID) + count(Action.FAILED) > 0;
    }
}
