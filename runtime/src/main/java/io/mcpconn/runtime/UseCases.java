package io.mcpconn.runtime;

import io.mcpconn.application.connect.ConnectServer;
import io.mcpconn.application.connect.RetryPolicy;
import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.disconnect.DisconnectServer;
import io.mcpconn.application.event.EventRelay;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.query.ListConnections;
import io.mcpconn.application.registration.RegisterConnection;
import io.mcpconn.application.removal.RemoveConnection;
import io.mcpconn.application.session.LostSessions;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.application.tool.CallTool;
import io.mcpconn.application.tool.JsonSchemaValidator;
import io.mcpconn.application.tool.RefreshTools;
import io.mcpconn.application.transfer.ExportConnections;
import io.mcpconn.application.transfer.ImportConnections;
import io.mcpconn.domain.connection.McpConnectionRepository;
import java.time.Clock;

/** Every use case, built once on the same ports. */
record UseCases(McpConnectionRepository repository, RegisterConnection register, ConnectServer connect,
                RefreshTools refreshTools, CallTool callTool, DisconnectServer disconnect, RemoveConnection remove,
                ListConnections connections, ImportConnections importConnections, ExportConnections exportConnections) {

    static UseCases wire(McpConnectionRepository repository, EventRelay events, McpClient client,
                         JsonSchemaValidator validator, SessionRegistry registry, RetryPolicy retries, Clock clock) {
        var store = new ConnectionStore(repository, events);
        var refresh = new RefreshTools(store, client, registry);
        var lost = new LostSessions(store, registry);
        var disconnect = new DisconnectServer(store, registry);
        return new UseCases(repository,
                new RegisterConnection(store, clock),
                new ConnectServer(store, client, registry, refresh, lost, retries),
                refresh,
                new CallTool(store, client, registry, validator),
                disconnect,
                new RemoveConnection(store, disconnect, clock),
                new ListConnections(store, registry),
                new ImportConnections(store, clock),
                new ExportConnections(store));
    }
}
