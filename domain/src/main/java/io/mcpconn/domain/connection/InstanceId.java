package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One running instance of a runtime embedding mcpconn (or one {@code mcpconn} command): what holds
 * live MCP sessions. Several instances may share one database; each names itself, e.g.
 * {@code host-4711-3f2a}, so an operator can tell them apart.
 *
 * @param value 1 to 128 of {@code A-Z a-z 0-9 _ . : -}
 */
public record InstanceId(String value) {

    /** Longest id stored. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:-]+");

    public InstanceId {
        Checks.text(value, "instance id", MAX_LENGTH);
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException("instance id \"" + value
                    + "\" may only contain letters, digits, '_', '.', ':' and '-'");
        }
    }

    /** The instance {@code value}. */
    public static InstanceId of(String value) {
        return new InstanceId(value);
    }

    /** A new id: {@code prefix} (e.g. the host name, cleaned) and a random suffix. */
    public static InstanceId random(String prefix) {
        var cleaned = prefix.replaceAll("[^A-Za-z0-9_.-]", "-");
        var head = cleaned.isBlank() ? "instance" : cleaned.substring(0, Math.min(cleaned.length(), 80));
        return new InstanceId(head + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return value;
    }
}
