package io.mcpconn.benchmarks.dataset;

import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL server the benchmarks run on, and as whom: {@code MCPCONN_BENCH_PG_URL}
 * ({@code jdbc:postgresql://host:port}, no database), with the user and password as libpq's tools
 * find them ({@code PGUSER}, {@code PGPASSWORD} or a pass file). {@code benchmarks/run} sets them
 * for the server it starts; JMH's forks and the concurrency run's second process inherit the
 * environment. The system properties {@value #URL_PROPERTY}, {@value #USER_PROPERTY} and
 * {@value #PASSWORD_PROPERTY} win over it (the tests point them at the test kit's server).
 *
 * @param url         the server's JDBC URL without a database
 * @param environment the libpq settings the options are read from ({@code PGUSER}, {@code PGPASSWORD}, …)
 */
public record PostgresServerAddress(String url, Map<String, String> environment) {

    /** Environment variable naming the server. */
    public static final String URL_VARIABLE = "MCPCONN_BENCH_PG_URL";

    /** System property naming the server, over {@value #URL_VARIABLE}. */
    public static final String URL_PROPERTY = "mcpconn.bench.pg.url";

    /** System property naming the user, over {@code PGUSER}. */
    public static final String USER_PROPERTY = "mcpconn.bench.pg.user";

    /** System property holding the password, over {@code PGPASSWORD}. */
    public static final String PASSWORD_PROPERTY = "mcpconn.bench.pg.password";

    /** The database server-wide work (creating, copying, dropping databases) connects to. */
    public static final String MAINTENANCE_DATABASE = "postgres";

    public PostgresServerAddress {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        environment = Map.copyOf(environment);
    }

    /** The configured server, if one is. */
    public static Optional<PostgresServerAddress> find() {
        String url = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        Optional.ofNullable(System.getProperty(USER_PROPERTY)).ifPresent(user -> environment.put("PGUSER", user));
        Optional.ofNullable(System.getProperty(PASSWORD_PROPERTY)).ifPresent(secret -> environment.put("PGPASSWORD", secret));
        return Optional.of(new PostgresServerAddress(url, environment));
    }

    /**
     * The configured server.
     *
     * @throws IllegalStateException if none is, saying how to give one
     */
    public static PostgresServerAddress configured() {
        return find().orElseThrow(() -> new IllegalStateException("no PostgreSQL server for the benchmarks: set "
                + URL_VARIABLE + " (jdbc:postgresql://host:port) and PGUSER/PGPASSWORD, or run benchmarks/run,"
                + " which starts one"));
    }

    /** The options both sides open {@code database} with: the library's defaults, as a runtime would use them. */
    public PostgresDatabaseOptions options(String database) {
        return PostgresDatabaseOptions.fromEnvironment(url + "/" + database, environment);
    }

    /** Opens {@code database} with {@link #options}. */
    public PostgresDatabase open(String database) {
        return PostgresDatabase.open(options(database));
    }

    /** A plain connection to {@code database} (auto-commit), for work outside the benchmarks. */
    public Connection connect(String database) throws SQLException {
        PostgresDatabaseOptions options = options(database);
        Properties properties = new Properties();
        properties.setProperty("user", options.user());
        Map<String, String> client = new HashMap<>();
        options.clientEnvironment(client);
        Optional.ofNullable(client.get("PGPASSWORD")).ifPresent(secret -> properties.setProperty("password", secret));
        return DriverManager.getConnection(url + "/" + database, properties);
    }

    /** The environment a child process needs to reach the same server. */
    public Map<String, String> childEnvironment() {
        PostgresDatabaseOptions options = options(MAINTENANCE_DATABASE);
        Map<String, String> child = new HashMap<>();
        child.put(URL_VARIABLE, url);
        child.put("PGUSER", options.user());
        options.clientEnvironment(child);
        return child;
    }

    @Override
    public String toString() {
        // Never the environment: it holds the password.
        return "PostgresServerAddress[" + url + "]";
    }
}
