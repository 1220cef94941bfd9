package io.mcpconn.application.tool;

import io.mcpconn.application.connection.ApplicationException;
import io.mcpconn.domain.connection.ServerName;
import java.util.List;

/**
 * A tool's arguments do not match its input schema; nothing was sent. The message lists every
 * problem with where it is, so the caller (often an agent) can fix them in one go.
 */
public final class InvalidToolArgumentsException extends ApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> violations;

    InvalidToolArgumentsException(ServerName server, String tool, List<String> violations) {
        super("the arguments for tool \"" + tool + "\" of " + server + " do not match its input schema: "
                + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each problem, naming where in the arguments it is. */
    public List<String> violations() {
        return violations;
    }
}
