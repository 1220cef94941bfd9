package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The secret a server wants for authentication. It is deliberately not a record: its text leaves
 * this object only through {@link #reveal()}, so {@code toString}, logs, events and exception
 * messages can never carry it by accident.
 */
public final class ApiKey {

    /** What is printed wherever a key would otherwise appear. */
    public static final String MASK = "****";

    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    /**
     * Wraps a key.
     *
     * @throws InvalidValueException if the key is blank (the message does not repeat it)
     */
    public static ApiKey of(String secret) {
        Objects.requireNonNull(secret, "api key is required but was missing");
        if (secret.isBlank()) {
            throw new InvalidValueException("api key must not be blank");
        }
        return new ApiKey(secret);
    }

    /** The secret itself, for the one place that sends it to the server or stores it. */
    public String reveal() {
        return secret;
    }

    /**
     * {@code text} with every occurrence of this key replaced by {@link #MASK}. Error messages
     * from servers and transports sometimes echo the request, key included.
     */
    public String redact(String text) {
        return text.replace(secret, MASK);
    }

    @Override
    public boolean equals(Object other) {
        // Constant-time, so comparing keys does not leak how much of one matches.
        return other instanceof ApiKey key && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), key.secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return ApiKey.class.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
