package io.mcpconn.infrastructure.mcp.clientconfig;

/**
 * A configuration file that is not one of the {@link ClientConfigFormat}s at all (not JSON, or no
 * {@code mcpServers} / {@code servers} object). Problems of single entries are not this: they are
 * reported entry by entry.
 */
public final class InvalidClientConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidClientConfigException(String message) {
        super(message);
    }
}
