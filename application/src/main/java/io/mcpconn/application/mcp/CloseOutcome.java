package io.mcpconn.application.mcp;

import java.util.Objects;
import java.util.Optional;

/**
 * How a session ended.
 *
 * @param graceful whether the server took part in the close within the time allowed
 * @param problem  what went wrong otherwise, e.g. that the process tree had to be killed
 */
public record CloseOutcome(boolean graceful, Optional<String> problem) {

    /** A close the server took part in. */
    public static final CloseOutcome GRACEFUL = new CloseOutcome(true, Optional.empty());

    public CloseOutcome {
        Objects.requireNonNull(problem, "problem");
        if (graceful == problem.isPresent()) {
            throw new IllegalArgumentException("a graceful close has no problem, any other close has one");
        }
    }

    /** A close that needed force, for {@code problem}. */
    public static CloseOutcome forced(String problem) {
        return new CloseOutcome(false, Optional.of(problem));
    }
}
