package io.mcpconn.domain.tenancy;

import io.mcpconn.domain.shared.Checks;

/**
 * The tenant a connection belongs to. Every read and write of connections is scoped by one; a
 * connection in another namespace is treated exactly like one that does not exist.
 *
 * @param value 1 to 255 characters, not blank, no control characters
 */
public record Namespace(String value) {

    /** Longest namespace the seed's {@code namespace VARCHAR(255)} column holds. */
    public static final int MAX_LENGTH = 255;

    public Namespace {
        Checks.text(value, "namespace", MAX_LENGTH);
    }

    /** The namespace named {@code value}. */
    public static Namespace of(String value) {
        return new Namespace(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
