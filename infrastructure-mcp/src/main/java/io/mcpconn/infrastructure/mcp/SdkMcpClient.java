package io.mcpconn.infrastructure.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.application.mcp.SessionListener;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Objects;

/**
 * The {@link McpClient} port on the official MCP Java SDK (2.1.0): sessions over stdio and
 * Streamable HTTP, each on the SDK's asynchronous client (whose requests this adapter waits for,
 * so that it can fail them the moment a server dies and bound every close itself).
 *
 * <p>Beyond the SDK, it bounds every close to about 2 s and ends a stdio server's whole process
 * tree; starts stdio servers with a minimal environment and in their working directory; notices
 * a server that dies; guards tool listing against servers that never stop paginating; and words
 * every failure without the configuration's secrets. Over stdio it uses its own transport, not
 * the SDK's (see {@code ProcessStdioTransport} for the measured reasons). No thread it or the SDK
 * starts keeps the JVM alive once its sessions are closed.
 *
 * <p>Thread-safe; one instance serves any number of sessions and holds no resource of its own
 * beyond a small pool of daemon threads for HTTP, which end when idle.
 */
public final class SdkMcpClient implements McpClient, AutoCloseable {

    /** The name this client gives servers in {@code initialize}. */
    public static final String CLIENT_NAME = "mcpconn";

    private final String version;
    // Made on the first session: a command that only reads never pays for Jackson and the SDK.
    private Parts parts;
    private boolean closed;

    /** What sessions share; costly to make, so made when the first one opens. */
    private record Parts(JsonTrees json, JacksonMcpJsonMapper mapper, DefaultJsonSchemaValidator outputValidator,
            HttpTransportFactory http) {

        static Parts make() {
            ObjectMapper objectMapper = JsonTrees.newObjectMapper();
            // Given explicitly: the SDK's ServiceLoader look-up fails in shaded jars.
            var mapper = new JacksonMcpJsonMapper(objectMapper);
            return new Parts(new JsonTrees(objectMapper), mapper, new DefaultJsonSchemaValidator(objectMapper),
                    new HttpTransportFactory(mapper));
        }
    }

    /** A client that introduces itself as {@code mcpconn} in this library's version. */
    public SdkMcpClient() {
        this(Versions.library());
    }

    /**
     * A client that introduces itself as {@code mcpconn} in {@code clientVersion}.
     *
     * @param clientVersion the version sent to servers in {@code initialize}
     */
    public SdkMcpClient(String clientVersion) {
        this.version = Objects.requireNonNull(clientVersion, "clientVersion");
    }

    /**
     * Stops the threads HTTP sessions share, once every session is closed: for an owner that is done
     * with the client (the runtime entry point closes the one it made). Sessions opened afterwards fail.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (parts != null) {
            parts.http().close();
        }
    }

    private synchronized Parts parts() {
        if (parts == null) {
            parts = Parts.make();
            if (closed) {
                parts.http().close();
            }
        }
        return parts;
    }

    @Override
    public McpSession open(ConnectionConfig config, SessionListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        var shared = parts();
        var errors = new FailureTranslator(config);
        var events = new SessionEvents(listener, errors.server());
        ServerLink link = config.transport() instanceof HttpTransport
                ? new HttpLink(shared.http().create(config), config.timeout())
                : new StdioLink(StdioLauncher.prepare(config, shared.mapper(), errors), errors.server());
        var session = new SdkMcpSession(config, errors, shared.json(), events, link);
        var transport = new ObservedTransport(link.transport(), events::toolsChanged, session::transportFailed, config::redact);
        var client = io.modelcontextprotocol.client.McpClient.async(transport)
                .requestTimeout(config.timeout())
                .initializationTimeout(config.timeout())
                .clientInfo(McpSchema.Implementation.builder(CLIENT_NAME, version).build())
                .capabilities(McpSchema.ClientCapabilities.builder().build())
                .jsonSchemaValidator(shared.outputValidator())
                .build();
        session.initialize(client);
        return session;
    }
}
