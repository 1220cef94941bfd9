package io.mcpconn.infrastructure.mcp.servers;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.util.Optional;

/**
 * Runs the test server in a process of its own: {@code stdio}, or {@code http <port> [api key]}
 * (prints {@code listening <port>} on stderr once it accepts connections).
 */
public final class TestServerMain {

    private TestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("http")) {
            var server = HttpTestServer.start(Integer.parseInt(args[1]), args.length > 2 ? Optional.of(args[2]) : Optional.empty());
            System.err.println("listening " + server.port());
        } else {
            TestServer.build(McpServer.sync(new StdioServerTransportProvider(TestServer.MAPPER)));
            System.err.println("test server ready on stdio");
        }
        // Runs until killed: SIGTERM ends the JVM normally (exit code 143).
        Thread.currentThread().join();
    }
}
