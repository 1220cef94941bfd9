package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.UUID;

/**
 * Identity of a connection. New connections get random UUIDs; ids read from storage may be any 1
 * to 36 letters, digits and {@code -}, as the seed's own verification row ({@code test-uuid-123})
 * shows.
 *
 * @param value the id as stored
 */
public record ConnectionId(String value) {

    /** Length of the seed's {@code id VARCHAR(36)} column. */
    public static final int MAX_LENGTH = 36;

    public ConnectionId {
        Checks.present(value, "connection id");
        if (!allowed(value)) {
            throw new InvalidValueException("connection id \"" + value
                    + "\" must be 1 to 36 letters, digits or '-', e.g. a UUID");
        }
    }

    // A loop rather than a pattern: every row read makes one.
    private static boolean allowed(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A new random (version 4) UUID id. */
    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID().toString());
    }

    /** The id {@code value}. */
    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
