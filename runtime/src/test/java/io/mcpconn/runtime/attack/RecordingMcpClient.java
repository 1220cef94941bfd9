package io.mcpconn.runtime.attack;

import io.mcpconn.application.mcp.CloseOutcome;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.application.mcp.ServerInfo;
import io.mcpconn.application.mcp.SessionListener;
import io.mcpconn.application.mcp.ToolCallResult;
import io.mcpconn.application.mcp.ToolContent;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.testkit.fixtures.Tools;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake MCP client that counts everything that reaches it: sessions opened, tools listed, tools
 * called (with their exact arguments). Every server offers {@code echo}, which answers its
 * {@code message}. Thread-safe.
 */
final class RecordingMcpClient implements McpClient {

    /** A call that reached a session. */
    record Call(String tool, JsonObject arguments) {
    }

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger listed = new AtomicInteger();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public McpSession open(ConnectionConfig config, SessionListener listener) {
        opened.incrementAndGet();
        return new McpSession() {
            @Override
            public ServerInfo server() {
                return new ServerInfo("fake", "1.0", "2025-06-18", Optional.empty());
            }

            @Override
            public List<Tool> listTools() {
                listed.incrementAndGet();
                return List.of(Tools.echo());
            }

            @Override
            public ToolCallResult callTool(String name, JsonObject arguments) {
                calls.add(new Call(name, arguments));
                return new ToolCallResult(List.of(new ToolContent.Text(String.valueOf(arguments.get("message")
                        .orElse(null)))), Optional.empty(), false);
            }

            @Override
            public void ping() {
            }

            @Override
            public CloseOutcome close() {
                return CloseOutcome.GRACEFUL;
            }
        };
    }

    /** How many sessions were opened, tool lists asked for and tools called, so far. */
    String counts() {
        return "opened=" + opened.get() + " listed=" + listed.get() + " called=" + calls.size();
    }

    List<Call> calls() {
        return calls;
    }
}
