package io.mcpconn.testkit.postgres;

import io.mcpconn.testkit.servers.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A private PostgreSQL cluster for tests: initdb'd into a temporary directory, listening on a
 * free port of 127.0.0.1 only, with a random superuser password (SCRAM), and tuned for speed
 * rather than durability (no fsync). {@link #shared()} is one per JVM; {@link #start()} gives a
 * test one of its own. Needs the PostgreSQL server programs (see {@code MCPCONN_PG_BIN}); under
 * root, the cluster runs as the operating-system user {@code postgres}, since initdb refuses root.
 *
 * <p>SQL goes through the {@code psql} program, so the test kit needs no JDBC driver.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final int PORT_ATTEMPTS = 3;
    private static final int IDENTIFIER_BYTES = 63;
    private static final String PASSWORD_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final Cluster cluster;
    private final int port;
    private final String password;
    private final Path passFile;
    private final Path psql;
    private final boolean isShared;
    private final Thread shutdownHook;
    private final AtomicInteger databases = new AtomicInteger();
    private volatile boolean stopped;

    private PostgresServer(Cluster cluster, int port, String password, Path passFile, Path psql, boolean isShared) {
        this.cluster = cluster;
        this.port = port;
        this.password = password;
        this.passFile = passFile;
        this.psql = psql;
        this.isShared = isShared;
        // Every cluster, not only the shared one: a test that forgets to stop its own leaves no server behind.
        this.shutdownHook = new Thread(this::stopQuietly, "mcpconn-postgres-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The cluster of this JVM, started on the first call (which takes a few seconds) and stopped,
     * its directory deleted, when the JVM exits. Tests share it: each should work in a database
     * of its own ({@link #createDatabase(String)}), and none may stop it. A failure to start is
     * remembered, so that every later call fails at once with the same reason.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null && sharedFailure == null) {
            try {
                shared = start(PostgresBinaries.find(), FreePorts::any, true);
            } catch (RuntimeException e) {
                sharedFailure = e;
            }
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared PostgreSQL cluster could not start: " + sharedFailure.getMessage(),
                    sharedFailure);
        }
        return shared;
    }

    /**
     * A new cluster for the caller alone, for tests that stop, break or reconfigure it; the
     * caller stops it ({@link #stop()}, or try-with-resources).
     */
    public static PostgresServer start() {
        return start(PostgresBinaries.find(), FreePorts::any, false);
    }

    static PostgresServer start(PostgresBinaries binaries, IntSupplier ports, boolean isShared) {
        var psql = binaries.psql();
        var cluster = Cluster.create(binaries, ClusterOwner.forThisProcess());
        try {
            var password = newPassword();
            cluster.initdb(SUPERUSER, password);
            int port = cluster.start(ports, PORT_ATTEMPTS);
            return new PostgresServer(cluster, port, password, writePassFile(cluster.root(), port, password), psql, isShared);
        } catch (RuntimeException | Error e) {
            // A server pg_ctl gave up waiting for may still come up: stop it before deleting its directory.
            try {
                cluster.stop();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            try {
                cluster.delete();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The address it listens on: {@code 127.0.0.1}, never a public interface. */
    public String host() {
        return HOST;
    }

    /** The TCP port it listens on. */
    public int port() {
        return port;
    }

    /** The superuser's name, {@code postgres}. */
    public String user() {
        return SUPERUSER;
    }

    /** The superuser's password, new for every cluster. */
    public String password() {
        return password;
    }

    /** The directory of the server programs it runs ({@code initdb}, {@code pg_ctl}, usually {@code psql} and {@code pg_dump}). */
    public Path binDirectory() {
        return cluster.binaries().directory();
    }

    /**
     * A password file in libpq's {@code .pgpass} format ({@code host:port:*:user:password},
     * readable by its owner only, as libpq demands) for a program under test to find through
     * {@code PGPASSFILE}.
     */
    public Path passFile() {
        return passFile;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}; the credentials are {@link #user()} and {@link #password()}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /**
     * Creates an empty database named {@code prefix} (lower-cased, other characters than letters,
     * digits and {@code _} made {@code _}) and a number unique in this cluster; answers its name.
     */
    public String createDatabase(String prefix) {
        var name = databaseName(prefix, databases.incrementAndGet());
        psql("postgres", "CREATE DATABASE " + quoted(name));
        return name;
    }

    /** Drops the database {@code name}, ending its sessions first; one that does not exist is no error. */
    public void dropDatabase(String name) {
        psql("postgres", "DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
    }

    /**
     * Runs one SQL command in {@code database} as the superuser and answers what psql printed
     * (unaligned, tuples only: one row a line, columns split by {@code |}), without its last line
     * break; a failing command throws, with psql's error.
     */
    public String psql(String database, String sql) {
        if (stopped) {
            throw new IllegalStateException("the PostgreSQL cluster on port " + port + " was stopped");
        }
        // The JVM encodes arguments in the platform's charset: under LANG=C, 'é' would reach the server as '?'.
        var arguments = Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        if (!arguments.newEncoder().canEncode(sql)) {
            throw new IllegalArgumentException("this JVM passes command-line arguments in " + arguments
                    + ", which cannot hold this SQL; run the tests under a UTF-8 locale (e.g. LANG=C.UTF-8): " + sql);
        }
        var outcome = ChildProcess.run(
                List.of(psql.toString(), "-X", "-v", "ON_ERROR_STOP=1", "-At", "-h", HOST, "-p", Integer.toString(port),
                        "-U", SUPERUSER, "-d", database, "-c", sql),
                ChildProcess.environment(Map.of("PGPASSWORD", password, "PGCLIENTENCODING", "UTF8", "PGCONNECT_TIMEOUT", "10")),
                cluster.root(), ChildProcess.LIMIT);
        if (!outcome.succeeded()) {
            throw new IllegalStateException("psql failed in database " + database + ": " + outcome.describe());
        }
        var out = outcome.stdout();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /**
     * Stops the server ({@code pg_ctl -m fast}, which ends open sessions) and deletes its
     * directory; stopping it again does nothing. The shared cluster refuses: the JVM stops it.
     */
    public synchronized void stop() {
        if (isShared) {
            throw new IllegalStateException("the shared PostgreSQL cluster is stopped when the JVM exits;"
                    + " PostgresServer.start() gives a test a cluster of its own to stop");
        }
        halt();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook finds this cluster stopped.
        }
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The cluster's directory (data, log, sockets, the password file). */
    Path directory() {
        return cluster.root();
    }

    /** Whether the server runs now. */
    boolean running() {
        return cluster.running();
    }

    static String databaseName(String prefix, int number) {
        var name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty()) {
            name = "db";
        } else if (!(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            name = "db_" + name;
        }
        // The number is last and has no '_': two numbers never give one name, whatever the prefixes.
        var suffix = "_" + number;
        return name.substring(0, Math.min(name.length(), IDENTIFIER_BYTES - suffix.length())) + suffix;
    }

    private synchronized void halt() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            cluster.stop();
        } finally {
            cluster.delete();
        }
    }

    private void stopQuietly() {
        try {
            halt();
        } catch (RuntimeException e) {
            // At exit there is no one left to tell; the temp directory is the worst that remains.
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    // Letters and digits only: ':' and '\' would need escaping in the pass file, and some tools mangle quotes.
    private static String newPassword() {
        var password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(PASSWORD_LETTERS.charAt(RANDOM.nextInt(PASSWORD_LETTERS.length())));
        }
        return password.toString();
    }

    private static Path writePassFile(Path directory, int port, String password) {
        var file = directory.resolve("pgpass");
        try {
            // Created 0600 rather than chmod-ed after: libpq ignores a pass file that others may read.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HOST + ":" + port + ":*:" + SUPERUSER + ":" + password + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
