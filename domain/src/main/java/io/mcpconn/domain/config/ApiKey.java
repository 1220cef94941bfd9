package io.mcpconn.domain.config;

import io.mcpconn.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret a server wants for authentication, and the header it goes in: {@code Authorization:
 * Bearer <key>} unless a header is named (e.g. {@code X-API-Key}). It is deliberately not a
 * record: its text leaves this object only through {@link #reveal()}, so {@code toString}, logs,
 * events and exception messages can never carry it by accident.
 */
public final class ApiKey {

    /** What is printed wherever a secret would otherwise appear. */
    public static final String MASK = "****";

    private final String secret;
    private final Optional<String> header;

    private ApiKey(String secret, Optional<String> header) {
        this.secret = secret;
        this.header = header;
    }

    /**
     * Wraps a key sent as a bearer token.
     *
     * @throws InvalidValueException if the key is blank or holds a line break (the message does not repeat it)
     */
    public static ApiKey of(String secret) {
        Objects.requireNonNull(secret, "api key is required but was missing");
        if (secret.isBlank()) {
            throw new InvalidValueException("api key must not be blank");
        }
        if (secret.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("api key must not contain control characters or line breaks;"
                    + " check that the key file or variable holds only the key");
        }
        return new ApiKey(secret, Optional.empty());
    }

    /**
     * The same key sent as the whole value of the header {@code name} instead of as a bearer token.
     *
     * @throws InvalidValueException if {@code name} is not a valid HTTP header name
     */
    public ApiKey inHeader(String name) {
        return new ApiKey(secret, Optional.of(HttpTransport.headerName(name)));
    }

    /** The header the key goes in; empty for {@code Authorization: Bearer}. */
    public Optional<String> header() {
        return header;
    }

    /** The secret itself, for the one place that sends it to the server or stores it. */
    public String reveal() {
        return secret;
    }

    /** The key as a secret to redact from text. */
    public Secrets secrets() {
        return Secrets.of(secret);
    }

    /**
     * {@code text} with this key, in any encoding a server may echo it in, replaced by
     * {@link #MASK}.
     */
    public String redact(String text) {
        return secrets().redact(text);
    }

    @Override
    public boolean equals(Object other) {
        // Constant-time, so comparing keys does not leak how much of one matches.
        return other instanceof ApiKey key && header.equals(key.header) && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), key.secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return header.map(name -> name + ": " + MASK).orElse(MASK);
    }
}
