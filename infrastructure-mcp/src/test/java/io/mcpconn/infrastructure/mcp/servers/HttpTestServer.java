package io.mcpconn.infrastructure.mcp.servers;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The test server over Streamable HTTP: the SDK's servlet transport in an embedded Tomcat on
 * 127.0.0.1, at {@code /mcp}, optionally requiring an api key in {@code X-Api-Key} (HTTP 401
 * otherwise).
 */
public final class HttpTestServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final int port;

    private HttpTestServer(Tomcat tomcat, McpSyncServer server, int port) {
        this.tomcat = tomcat;
        this.server = server;
        this.port = port;
    }

    /** Starts a server on {@code port} (0: any free port). */
    public static HttpTestServer start(int port, Optional<String> apiKey) throws Exception {
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(TestServer.MAPPER)
                .mcpEndpoint("/mcp")
                .build();
        var server = TestServer.build(McpServer.sync(transport));
        var tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("mcpconn-tomcat").toString());
        var connector = tomcat.getConnector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        var context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        apiKey.ifPresent(key -> requireKey(context, key));
        tomcat.start();
        return new HttpTestServer(tomcat, server, connector.getLocalPort());
    }

    private static void requireKey(org.apache.catalina.Context context, String key) {
        Filter filter = (request, response, chain) -> {
            if (key.equals(((HttpServletRequest) request).getHeader("X-Api-Key"))) {
                chain.doFilter(request, response);
            } else {
                ((HttpServletResponse) response).sendError(401, "wrong api key");
            }
        };
        var definition = new FilterDef();
        definition.setFilterName("api-key");
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        var mapping = new FilterMap();
        mapping.setFilterName("api-key");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    @Override
    public void close() throws LifecycleException {
        server.close();
        tomcat.stop();
        tomcat.destroy();
    }
}
