package io.mcpconn.domain.tool;

import java.util.Objects;
import java.util.Optional;

/**
 * The behaviour hints an MCP server may give for a tool. Each hint is optional because the MCP
 * specification gives them defaults that differ per hint; an absent hint is not {@code false}.
 *
 * @param readOnlyHint    the tool does not modify its environment
 * @param destructiveHint the tool may perform destructive updates
 * @param idempotentHint  calling it repeatedly with the same arguments has no additional effect
 * @param openWorldHint   the tool interacts with an open world of external entities
 */
public record ToolAnnotations(
        Optional<Boolean> readOnlyHint,
        Optional<Boolean> destructiveHint,
        Optional<Boolean> idempotentHint,
        Optional<Boolean> openWorldHint) {

    /** No hints given. */
    public static final ToolAnnotations NONE =
            new ToolAnnotations(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ToolAnnotations {
        Objects.requireNonNull(readOnlyHint, "readOnlyHint");
        Objects.requireNonNull(destructiveHint, "destructiveHint");
        Objects.requireNonNull(idempotentHint, "idempotentHint");
        Objects.requireNonNull(openWorldHint, "openWorldHint");
    }

    /** Whether no hint at all is given. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
