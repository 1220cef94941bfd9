package io.mcpconn.benchmarks;

import io.mcpconn.benchmarks.dataset.Dataset;
import io.mcpconn.benchmarks.dataset.Datasets;
import io.mcpconn.benchmarks.dataset.PostgresServerAddress;
import io.mcpconn.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The tests' data sets: a directory of their own, 3 namespaces (so that 300 rows fill pages), and
 * the test kit's PostgreSQL cluster as the benchmarks' server.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Points the data sets at {@code directory} and the PostgreSQL ones at the shared test cluster. */
    public static void use(Path directory) {
        System.setProperty(Datasets.DIRECTORY_PROPERTY, directory.toString());
        System.setProperty(Datasets.NAMESPACES_PROPERTY, "3");
        PostgresServer server = PostgresServer.shared();
        System.setProperty(PostgresServerAddress.URL_PROPERTY, "jdbc:postgresql://" + server.host() + ":" + server.port());
        System.setProperty(PostgresServerAddress.USER_PROPERTY, server.user());
        System.setProperty(PostgresServerAddress.PASSWORD_PROPERTY, server.password());
    }

    /** Forgets what {@link #use} set. */
    public static void forget() {
        for (String property : new String[] {Datasets.DIRECTORY_PROPERTY, Datasets.NAMESPACES_PROPERTY,
            PostgresServerAddress.URL_PROPERTY, PostgresServerAddress.USER_PROPERTY, PostgresServerAddress.PASSWORD_PROPERTY}) {
            System.clearProperty(property);
        }
    }

    /** The one number {@code sqlite} or {@code postgresql} answers, whichever database {@code dataset} is on. */
    public static long count(Dataset dataset, String sqlite, String postgresql) throws SQLException {
        try (Connection connection = dataset instanceof Dataset.Postgres postgres
                ? postgres.server().connect(postgres.name())
                : DriverManager.getConnection("jdbc:sqlite:" + ((Dataset.Sqlite) dataset).file());
                ResultSet result = connection.createStatement().executeQuery(
                        dataset instanceof Dataset.Postgres ? postgresql : sqlite)) {
            result.next();
            return result.getLong(1);
        }
    }
}
