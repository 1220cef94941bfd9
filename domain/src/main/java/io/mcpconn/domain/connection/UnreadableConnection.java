package io.mcpconn.domain.connection;

import java.util.Objects;

/**
 * A stored connection that cannot be read back: another program wrote a value the domain refuses
 * (invalid JSON, an unknown status, a time like {@code 'yesterday'}), or a sealed secret cannot be
 * opened with the keys at hand. Listings report such rows beside the readable ones instead of
 * failing, and move past them; reading the one connection fails with
 * {@link UnreadableConnectionException}. Nothing here carries the stored value, which may be a
 * secret.
 *
 * @param storedId the row's id as stored (it may not even be a valid {@link ConnectionId})
 * @param column   the column whose value is unusable, e.g. {@code config_json}
 * @param problem  what is wrong with it, completing "column … ", without the value
 * @param repair   how to repair or remove the row
 */
public record UnreadableConnection(String storedId, String column, String problem, String repair) {

    public UnreadableConnection {
        Objects.requireNonNull(storedId, "storedId");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(repair, "repair");
    }

    /** One sentence for people: the row, the column, the problem and the repair. */
    public String describe() {
        return "stored connection " + storedId + " cannot be read: column " + column + " " + problem
                + ". Other connections are not affected; " + repair;
    }
}
