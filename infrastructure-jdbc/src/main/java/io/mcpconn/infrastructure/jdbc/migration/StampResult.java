package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stamp recorded.
 *
 * @param from the version recorded before; empty when none was
 * @param to the version recorded now; empty for none
 * @param recorded the versions now recorded as applied without having run, oldest first
 * @param forgotten the versions no longer recorded, newest first
 */
public record StampResult(Optional<String> from, Optional<String> to, List<String> recorded, List<String> forgotten) {

    /** Checks the fields and copies the lists. */
    public StampResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        recorded = List.copyOf(recorded);
        forgotten = List.copyOf(forgotten);
    }
}
