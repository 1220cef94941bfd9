package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * Why a connection is in {@link ConnectionStatus#ERROR}, and since when: the seed's
 * {@code error_message} and {@code error_at}, which describe the current error only.
 *
 * @param message what went wrong, redacted of every secret, at most {@link #MAX_LENGTH} characters
 * @param at      when it went wrong
 */
public record LastError(String message, Instant at) {

    /** Longest error text kept; longer ones are cut, since servers may send whole stack traces. */
    public static final int MAX_LENGTH = 4000;

    public LastError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        if (message.isBlank()) {
            throw new InvalidValueException("an error message must not be blank");
        }
        if (message.length() > MAX_LENGTH) {
            throw new InvalidValueException("an error message must be at most " + MAX_LENGTH
                    + " characters, but has " + message.length());
        }
    }
}
