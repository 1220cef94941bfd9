package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCatalog;
import java.util.stream.Collectors;

/**
 * A tool was asked for that the connection's server does not offer (as last discovered). The
 * message lists the tools it does offer.
 */
public final class UnknownToolException extends DomainException {

    private static final long serialVersionUID = 1L;

    UnknownToolException(ServerName serverName, String toolName, ToolCatalog offered) {
        super("server " + serverName + " offers no tool named \"" + toolName + "\"; it offers: "
                + (offered.isEmpty() ? "no tools" : offered.tools().stream().map(Tool::name).collect(Collectors.joining(", ")))
                + ". If the server has new tools, refresh them first");
    }
}
