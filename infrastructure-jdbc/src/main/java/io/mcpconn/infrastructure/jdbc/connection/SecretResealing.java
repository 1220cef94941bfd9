package io.mcpconn.infrastructure.jdbc.connection;

import static io.mcpconn.infrastructure.jdbc.jooq.Tables.MCP_CONNECTIONS;

import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.UnreadableConnection;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * Seals every secret of every connection again, with the current key: what a key rotation does
 * once the new key leads the ring, and what turns plaintext secrets (the Python service's, or
 * those written before sealing) into sealed ones at once rather than at each connection's next
 * save. One write transaction: every row is resealed, or none is.
 *
 * <p>Only {@code config_json} is rewritten, as a save would write it; other columns are left as
 * they are, and V4's trigger bumps each row's version, so a copy loaded before is refused.
 */
public final class SecretResealing {

    /**
     * What a reseal did.
     *
     * @param resealed how many connections were rewritten
     * @param skipped rows whose configuration cannot be read for reasons other than sealing (bad
     *     JSON, an invalid value): they hold no secret that could be resealed, and were left alone
     */
    public record Result(int resealed, List<UnreadableConnection> skipped) {

        /** Copies the list. */
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    private SecretResealing() {
    }

    /**
     * Reseals every connection of {@code database} (all namespaces) with {@code secrets}' current key.
     *
     * @throws ResealRefusedException before anything changed, if some sealed secret cannot be opened
     *     with {@code secrets}' keys: resealing the others and retiring the old key would lose it
     */
    public static Result reseal(SqlDatabase database, SecretsAtRest secrets) {
        requireSealing(database, secrets);
        return database.write(dsl -> {
            var plan = plan(dsl, secrets);
            for (var change : plan.rewritten()) {
                dsl.update(MCP_CONNECTIONS).set(MCP_CONNECTIONS.CONFIG_JSON, JSON.valueOf(change.configJson()))
                        .where(MCP_CONNECTIONS.ID.eq(change.id())).execute();
            }
            return new Result(plan.rewritten().size(), plan.skipped());
        });
    }

    /**
     * Checks, changing nothing, that {@code secrets}' keys open every sealed secret of
     * {@code database}: what to make sure of before a new key is written anywhere.
     *
     * @return how many connections a reseal would rewrite, and which it would skip
     * @throws ResealRefusedException if some sealed secret cannot be opened
     */
    public static Result check(SqlDatabase database, SecretsAtRest secrets) {
        requireSealing(database, secrets);
        return database.read(dsl -> {
            var plan = plan(dsl, secrets);
            return new Result(plan.rewritten().size(), plan.skipped());
        });
    }

    private record Rewrite(String id, String configJson) {
    }

    private record Plan(List<Rewrite> rewritten, List<UnreadableConnection> skipped) {
    }

    private static void requireSealing(SqlDatabase database, SecretsAtRest secrets) {
        Objects.requireNonNull(database, "database");
        if (!secrets.seals()) {
            throw new IllegalArgumentException("secrets are kept in plaintext; there is nothing to reseal with");
        }
    }

    private static Plan plan(DSLContext dsl, SecretsAtRest secrets) {
        var unopenable = new ArrayList<UnreadableConnection>();
        var skipped = new ArrayList<UnreadableConnection>();
        var rewritten = new ArrayList<Rewrite>();
        for (var row : dsl.select(MCP_CONNECTIONS.ID, MCP_CONNECTIONS.SERVER_NAME, MCP_CONNECTIONS.CONFIG_JSON)
                .from(MCP_CONNECTIONS).orderBy(MCP_CONNECTIONS.ID).fetch()) {
            var id = row.value1();
            try {
                var config = ConnectionJson.readConfig(row.value3().data(), secrets, id);
                rewritten.add(new Rewrite(id, ConnectionJson.writeConfig(ServerName.of(row.value2()), config, secrets, id)));
            } catch (ConnectionJson.ColumnValueException e) {
                var unreadable = new UnreadableConnection(id, "config_json", e.getMessage(),
                        e.repair().orElse("correct the value with an UPDATE"));
                (e.repair().isPresent() ? unopenable : skipped).add(unreadable);
            } catch (DomainException e) {
                skipped.add(new UnreadableConnection(id, "server_name", "holds a value the domain refuses: "
                        + e.getMessage(), "correct the value with an UPDATE"));
            }
        }
        if (!unopenable.isEmpty()) {
            throw new ResealRefusedException(unopenable);
        }
        return new Plan(rewritten, skipped);
    }
}
