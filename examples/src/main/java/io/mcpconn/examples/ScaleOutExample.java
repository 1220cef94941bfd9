package io.mcpconn.examples;

import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.runtime.Mcpconn;
import java.util.Map;

/** The runtime of several instances: the same Mcpconn on one PostgreSQL database they share. */
public final class ScaleOutExample {

    private ScaleOutExample() {
    }

    /**
     * Starts this instance. {@code MCPCONN_DB} is e.g. {@code postgresql://mcpconn@db.internal:5432/mcpconn};
     * the password comes from {@code PGPASSWORD} or a pass file, as for psql, and the key that seals
     * secrets, the same on every instance, from {@code MCPCONN_SECRET_KEY}.
     */
    public static Mcpconn start(Map<String, String> environment) {
        var database = PostgresDatabaseOptions.fromEnvironment(environment.get("MCPCONN_DB"), environment)
                .withPoolSize(20);
        return Mcpconn.postgres(database).secretsEnvironment(environment).start();
    }
}
