package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.util.random.RandomGenerator;
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

    /**
     * A new id: {@code prefix} (e.g. the host name, cleaned) and eight hex digits drawn from
     * {@code random}. The caller chooses the generator: a long-lived runtime can afford a
     * {@code SecureRandom}, whose set-up a one-shot command would pay on every start.
     */
    public static InstanceId random(String prefix, RandomGenerator random) {
        var cleaned = prefix.replaceAll("[^A-Za-z0-9_.-]", "-");
        var head = cleaned.isBlank() ? "instance" : cleaned.substring(0, Math.min(cleaned.length(), 80));
        // The 1 above the 32 random bits keeps leading zeros, and is cut off again.
        return new InstanceId(head + "-" + Long.toHexString((random.nextInt() & 0xFFFF_FFFFL) | (1L << 32)).substring(1));
    }

    @Override
    public String toString() {
        return value;
    }
}
