package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The name an agent knows an MCP server by, unique within a namespace (e.g. {@code tmws_mcp}).
 *
 * @param value 1 to 255 of {@code A-Z a-z 0-9 _ . -}
 */
public record ServerName(String value) {

    /** Longest name the seed's {@code server_name VARCHAR(255)} column holds. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");

    public ServerName {
        Checks.text(value, "server name", MAX_LENGTH);
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException("server name \"" + value
                    + "\" may only contain letters, digits, '_', '.' and '-', e.g. tmws_mcp");
        }
    }

    /** The server name {@code value}. */
    public static ServerName of(String value) {
        return new ServerName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
