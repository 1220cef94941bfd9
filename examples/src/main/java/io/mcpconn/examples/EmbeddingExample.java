package io.mcpconn.examples;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.application.tool.CallToolCommand;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.runtime.Mcpconn;
import java.nio.file.Path;
import java.util.Map;

public final class EmbeddingExample {

    public static void main(String[] args) {
        var team = Namespace.of("team-a");
        var everything = ConnectionRef.named("everything");
        try (var mcp = Mcpconn.sqlite(Path.of("data/tmws.db")).start()) {   // migrates, then wires every use case
            mcp.register().handle(new RegisterConnectionCommand(team, AgentId.of("agent-7"), ServerName.of("everything"),
                    ConnectionConfig.stdio("npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31", "stdio")));
            var connected = mcp.connect().handle(new ConnectCommand(team, everything));   // initialize + tools/list
            connected.connection().connection().tools().forEach(tool -> System.out.println(tool.name()));

            var result = mcp.callTool().handle(new CallToolCommand(team, everything, "echo",
                    JsonValue.object(Map.of("message", JsonValue.string("hello")))));   // checked against its schema
            System.out.println(result.text());
        }   // every session closed gracefully, the server process ended
    }
}
