package io.mcpconn.application.connect;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.application.mcp.SessionListener;
import io.mcpconn.application.session.LostSessions;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.application.tool.RefreshTools;
import io.mcpconn.application.tool.RefreshToolsCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.tool.ToolCatalog;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: connect a registered server. CONNECTING is saved first; then, with no database write
 * open, a session is opened and its tools listed, retrying up to the connection's
 * {@code retry_attempts} times with capped back-off, each attempt bounded by its {@code timeout};
 * then the connection is loaded again and saved ACTIVE (or ERROR with the redacted cause).
 *
 * <p>The session's lease is taken before anything else, so no two instances ever open a session
 * for one connection; a session left by a process that died is recovered first. If the connection
 * changed meanwhile (optimistic locking), the new session is closed and the error raised.
 */
public final class ConnectServer {

    private final ConnectionStore store;
    private final McpClient client;
    private final SessionRegistry registry;
    private final RefreshTools refreshTools;
    private final LostSessions lostSessions;
    private final RetryPolicy retries;

    public ConnectServer(ConnectionStore store, McpClient client, SessionRegistry registry, RefreshTools refreshTools,
                         LostSessions lostSessions, RetryPolicy retries) {
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.refreshTools = Objects.requireNonNull(refreshTools, "refreshTools");
        this.lostSessions = Objects.requireNonNull(lostSessions, "lostSessions");
        this.retries = Objects.requireNonNull(retries, "retries");
    }

    /**
     * Connects, or answers at once if this instance already holds an active session.
     *
     * @throws ConnectFailedException if every attempt failed (the connection is then saved in ERROR)
     * @throws SessionHeldElsewhereException if another live instance holds the connection's session
     * @throws io.mcpconn.domain.connection.McpConnectionNotFoundException if there is no such connection
     */
    public ConnectResult handle(ConnectCommand command) {
        var connection = store.load(command.namespace(), command.ref());
        if (connection.status() == ConnectionStatus.ACTIVE && registry.find(connection.id()).isPresent()) {
            return new ConnectResult(view(connection), Optional.empty(), 0, false);
        }
        boolean recovered = recoverIfStale(connection);
        if (!registry.claim(connection)) {
            throw new SessionHeldElsewhereException(connection, registry.lease(connection.namespace(), connection.id()));
        }
        try {
            connection.startConnecting(registry.now());
            store.save(connection);
        } catch (RuntimeException e) {
            registry.release(connection.namespace(), connection.id());
            throw e;
        }
        return openSession(connection, recovered);
    }

    private boolean recoverIfStale(McpConnection connection) {
        if (!connection.status().hasSession()) {
            return false;
        }
        var lease = registry.lease(connection.namespace(), connection.id());
        if (registry.isHere(connection.id()) || !connection.recoverStaleSession(lease, registry.now())) {
            throw new SessionHeldElsewhereException(connection, registry.isHere(connection.id()) ? Optional.empty() : lease);
        }
        store.save(connection);
        return true;
    }

    private ConnectResult openSession(McpConnection connecting, boolean recovered) {
        var config = connecting.config();
        var ref = ConnectionRef.of(connecting.id());
        var namespace = connecting.namespace();
        McpClientException last = null;
        int attempts = 0;
        for (int retry = 0; retry <= config.retryAttempts(); retry++) {
            if (retry > 0 && !pause(retry)) {
                last = new McpClientException(McpClientException.Reason.SESSION_CLOSED,
                        "connecting was interrupted before attempt " + (attempts + 1));
                break;
            }
            attempts++;
            McpSession session = null;
            try {
                session = client.open(config, listener(connecting));
                var tools = catalogOf(session);
                var info = session.server();
                var opened = session;
                var active = store.update(namespace, ref, connection -> {
                    connection.markActive(tools, registry.now());
                    return true;
                });
                registry.attach(active, opened);
                return new ConnectResult(view(active), Optional.of(info), attempts, recovered);
            } catch (McpClientException e) {
                closeQuietly(session);
                last = e;
                if (!e.isTransient()) {
                    break;
                }
            } catch (RuntimeException e) {
                // The row changed under us, or the server's tools broke a domain rule: nothing may stay open.
                closeQuietly(session);
                registry.release(namespace, connecting.id());
                throw e;
            }
        }
        var failure = last;
        var failed = store.update(namespace, ref, connection -> {
            connection.fail(failure.getMessage(), registry.now());
            return true;
        });
        registry.release(namespace, connecting.id());
        throw new ConnectFailedException(failed, failure, attempts);
    }

    /**
     * The server's tools as a catalog; tools that break a domain rule (too many, duplicate or invalid
     * names) are the server's protocol failure, so that the connection ends in ERROR instead of
     * staying CONNECTING.
     */
    private static ToolCatalog catalogOf(McpSession session) {
        var listed = session.listTools();
        try {
            return ToolCatalog.of(listed);
        } catch (io.mcpconn.domain.shared.InvalidValueException e) {
            throw new McpClientException(McpClientException.Reason.PROTOCOL,
                    "the server's tool list cannot be kept: " + e.getMessage());
        }
    }

    private SessionListener listener(McpConnection connection) {
        var namespace = connection.namespace();
        var id = connection.id();
        return new SessionListener() {
            @Override
            public void toolsChanged() {
                registry.dispatch(() -> {
                    if (registry.find(id).isPresent()) {
                        refreshTools.handle(new RefreshToolsCommand(namespace, ConnectionRef.of(id)));
                    }
                });
            }

            @Override
            public void sessionLost(String cause) {
                registry.dispatch(() -> lostSessions.sessionLost(namespace, id, cause));
            }
        };
    }

    private boolean pause(int retry) {
        try {
            retries.sleeper().sleep(retries.delayBefore(retry));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(McpSession session) {
        if (session != null) {
            session.close();
        }
    }

    private ConnectionView view(McpConnection connection) {
        return ConnectionView.of(connection, registry.lease(connection.namespace(), connection.id()),
                registry.isHere(connection.id()), registry.now());
    }
}
