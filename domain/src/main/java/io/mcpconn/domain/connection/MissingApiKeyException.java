package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.DomainException;

/**
 * A connection whose server requires authentication was asked to connect, but no api key is
 * stored for it: another program (the Python service) wrote it and keeps its keys elsewhere.
 * Nothing was changed; give the connection its key, then connect it.
 */
public final class MissingApiKeyException extends DomainException {

    private static final long serialVersionUID = 1L;

    MissingApiKeyException(ConnectionId id, ServerName serverName) {
        super("connection " + id + " (" + serverName + ") requires authentication, but no api key is stored for it"
                + " (its row says auth_required without an api_key, as a program that keeps keys elsewhere writes it);"
                + " reconfigure it with its api key, then connect it");
    }
}
