package io.mcpconn.infrastructure.postgres.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link PostgresDatabase} is reached and pooled. The password is never part of the location:
 * it is given here (from a runtime's secret store), or found as libpq finds it, in
 * {@code PGPASSWORD} or a pass file ({@link #fromEnvironment}). {@link #toString()} never shows it.
 */
public final class PostgresDatabaseOptions {

    /** Connections kept open at most, per instance, unless set otherwise. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** How long to wait for a connection from the pool (or the server) unless set otherwise. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** Setting: connections kept open at most. */
    public static final String POOL_SIZE = "MCPCONN_PG_POOL_SIZE";

    private final PostgresLocation location;
    private final String user;
    private final Optional<String> password;
    private final int poolSize;
    private final Duration connectionTimeout;

    private PostgresDatabaseOptions(PostgresLocation location, String user, Optional<String> password, int poolSize,
            Duration connectionTimeout) {
        this.location = Objects.requireNonNull(location, "location");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("the pool size must be 1 to 1000 connections, not " + poolSize);
        }
        this.poolSize = poolSize;
        this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms, not " + connectionTimeout);
        }
    }

    /**
     * Options for {@code location} as the user the URL names (or the process's user), with no
     * password: for a server that trusts this host, or to add one with {@link #withPassword}.
     */
    public static PostgresDatabaseOptions of(PostgresLocation location) {
        return new PostgresDatabaseOptions(location, location.user().orElse(System.getProperty("user.name")),
                Optional.empty(), DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * Options for {@code url} as libpq's tools would take them from {@code environment}: the user from
     * the URL or {@code PGUSER}, the password from {@code PGPASSWORD} or else the pass file
     * ({@code PGPASSFILE}, else {@code ~/.pgpass}), the pool size from {@value #POOL_SIZE}.
     *
     * @throws IllegalArgumentException if the URL or a setting is invalid (the message says which)
     */
    public static PostgresDatabaseOptions fromEnvironment(String url, Map<String, String> environment) {
        return fromEnvironment(PostgresLocation.parse(url), environment);
    }

    /** Options for {@code location} as {@link #fromEnvironment(String, Map)} takes them from {@code environment}. */
    public static PostgresDatabaseOptions fromEnvironment(PostgresLocation location, Map<String, String> environment) {
        var user = location.user().or(() -> setting(environment, "PGUSER"))
                .orElse(System.getProperty("user.name"));
        var password = setting(environment, "PGPASSWORD").or(() -> {
            var file = setting(environment, "PGPASSFILE").map(Path::of)
                    .orElse(Path.of(System.getProperty("user.home"), ".pgpass"));
            return PassFile.lookup(file, location, user);
        });
        int poolSize = DEFAULT_POOL_SIZE;
        var size = setting(environment, POOL_SIZE);
        if (size.isPresent()) {
            try {
                poolSize = Integer.parseInt(size.get());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(POOL_SIZE + " is '" + size.get() + "', which is not a whole number"
                        + " of connections", e);
            }
        }
        return new PostgresDatabaseOptions(location, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** These options with {@code newPassword}. */
    public PostgresDatabaseOptions withPassword(String newPassword) {
        return new PostgresDatabaseOptions(location, user, Optional.of(newPassword), poolSize, connectionTimeout);
    }

    /** These options as {@code newUser}. */
    public PostgresDatabaseOptions withUser(String newUser) {
        return new PostgresDatabaseOptions(location, newUser, password, poolSize, connectionTimeout);
    }

    /** These options with at most {@code size} connections open. */
    public PostgresDatabaseOptions withPoolSize(int size) {
        return new PostgresDatabaseOptions(location, user, password, size, connectionTimeout);
    }

    /** These options waiting at most {@code timeout} for a connection. */
    public PostgresDatabaseOptions withConnectionTimeout(Duration timeout) {
        return new PostgresDatabaseOptions(location, user, password, poolSize, timeout);
    }

    /** Where the database is. */
    public PostgresLocation location() {
        return location;
    }

    /** Who connects. */
    public String user() {
        return user;
    }

    /** Whether a password is given (the password itself is only handed to the driver). */
    public boolean hasPassword() {
        return password.isPresent();
    }

    Optional<String> password() {
        return password;
    }

    /**
     * The command line of a libpq client program ({@code pg_dump}, {@code pg_restore}, {@code psql}):
     * {@code program} and its {@code arguments}, then where to connect and as whom. The password is
     * not on it: {@link #clientEnvironment} gives it to the child.
     */
    public List<String> clientCommand(String program, List<String> arguments) {
        var command = new ArrayList<String>();
        command.add(program);
        command.addAll(arguments);
        command.addAll(List.of("--host", location.host(), "--port", Integer.toString(location.port()),
                "--username", user, "--no-password"));
        return command;
    }

    /**
     * Puts what a libpq client program needs besides its command line into {@code environment} (a
     * child process's): the password, if one is given, in {@code PGPASSWORD}, which a child's
     * environment keeps from other users, unlike its command line.
     */
    public void clientEnvironment(Map<String, String> environment) {
        environment.remove("PGPASSWORD");
        password.ifPresent(secret -> environment.put("PGPASSWORD", secret));
    }

    /** Connections kept open at most. */
    public int poolSize() {
        return poolSize;
    }

    /** How long to wait for a connection. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    @Override
    public String toString() {
        return "PostgresDatabaseOptions[" + location.describe() + ", user " + user + ", password "
                + (password.isPresent() ? "given" : "none") + ", pool " + poolSize + "]";
    }

    private static Optional<String> setting(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
    }
}
