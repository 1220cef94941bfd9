package io.mcpconn.application.mcp;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a server said it is when the session was initialized.
 *
 * @param name            the server's implementation name
 * @param version         its version
 * @param protocolVersion the MCP protocol version both sides agreed on
 * @param instructions    how the server suggests it be used, if it said
 */
public record ServerInfo(String name, String version, String protocolVersion, Optional<String> instructions) {

    public ServerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(instructions, "instructions");
    }
}
