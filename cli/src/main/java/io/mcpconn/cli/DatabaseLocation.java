package io.mcpconn.cli;

import io.mcpconn.infrastructure.postgres.database.PostgresLocation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database a command works on, and where that choice came from: {@code --db}, then
 * {@code MCPCONN_DATABASE_URL}, then the seed's {@code TMWS_DATABASE_URL}, then the seed's default
 * {@value #DEFAULT}. Each may be a path, a {@code jdbc:sqlite:} URL or an SQLAlchemy URL
 * ({@code sqlite:///relative}, {@code sqlite:////absolute}, {@code sqlite+aiosqlite:///…});
 * relative paths are resolved against the working directory, as the Python service does. Or it
 * names a PostgreSQL database ({@code postgresql://user@host:5432/db}, {@code jdbc:postgresql:…}),
 * whose password comes from {@code PGPASSWORD} or a pass file, never from the URL.
 *
 * @param sqlite the absolute path of the SQLite database file, unless the database is PostgreSQL
 * @param server the PostgreSQL database, if it is one
 * @param source where it came from, e.g. {@code --db} or {@code TMWS_DATABASE_URL}
 */
public record DatabaseLocation(Optional<Path> sqlite, Optional<PostgresLocation> server, String source) {

    /** The seed's database, relative to the working directory. */
    public static final String DEFAULT = "./data/tmws.db";
    /** This project's environment variable. */
    public static final String MCPCONN_ENV = "MCPCONN_DATABASE_URL";
    /** The seed's environment variable. */
    public static final String TMWS_ENV = "TMWS_DATABASE_URL";

    private static final Pattern SQLALCHEMY = Pattern.compile("sqlite(?:\\+[A-Za-z0-9_]+)?://(.*)");
    private static final Pattern OTHER_URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*):(//)?(.*)");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    /** Checks the fields: exactly one of the two kinds. */
    public DatabaseLocation {
        Objects.requireNonNull(sqlite, "sqlite");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(source, "source");
        if (sqlite.isPresent() == server.isPresent()) {
            throw new IllegalArgumentException("a database is either an SQLite file or a PostgreSQL database");
        }
    }

    /** An SQLite database file. */
    public DatabaseLocation(Path file, String source) {
        this(Optional.of(file), Optional.empty(), source);
    }

    /** Whether the database is PostgreSQL. */
    public boolean postgres() {
        return server.isPresent();
    }

    /**
     * The SQLite file, for what only SQLite does.
     *
     * @throws InvalidDatabaseUrlException naming {@code operation} when the database is PostgreSQL
     */
    public Path file(String operation) {
        return sqlite.orElseThrow(() -> new InvalidDatabaseUrlException(source, server.orElseThrow().url(),
                operation + " works on an SQLite database file only", "pass --db with the path of an SQLite file"));
    }

    /** The SQLite file; only for commands that have checked {@link #postgres()}. */
    public Path file() {
        return file("this command");
    }

    /** What the output names: the file's path, or the server's database without user or password. */
    public String shown() {
        return sqlite.map(Path::toString).orElseGet(() -> server.orElseThrow().url());
    }

    /**
     * Picks the database from the option, the environment and the default, in that order.
     *
     * @throws InvalidDatabaseUrlException if the chosen value names no SQLite file
     */
    public static DatabaseLocation resolve(Optional<String> option, Map<String, String> environment,
            Path workingDirectory) {
        Path home = Optional.ofNullable(environment.get("HOME")).filter(h -> !h.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home")));
        if (option.isPresent()) {
            return of(option.get(), "--db", workingDirectory, home);
        }
        for (String variable : new String[] {MCPCONN_ENV, TMWS_ENV}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return of(value, variable, workingDirectory, home);
            }
        }
        return new DatabaseLocation(parse(DEFAULT, "default", workingDirectory, home), "default");
    }

    private static DatabaseLocation of(String value, String source, Path workingDirectory, Path home) {
        if (PostgresLocation.isPostgresUrl(value)) {
            try {
                return new DatabaseLocation(Optional.empty(), Optional.of(PostgresLocation.parse(value)), source);
            } catch (IllegalArgumentException e) {
                throw new InvalidDatabaseUrlException(source, value, e.getMessage(),
                        "write it as postgresql://user@host:5432/database, with the password in PGPASSWORD or a pass file");
            }
        }
        return new DatabaseLocation(parse(value, source, workingDirectory, home), source);
    }

    /**
     * Turns one value into a path.
     *
     * @throws InvalidDatabaseUrlException if it names no SQLite file
     */
    static Path parse(String value, String source, Path workingDirectory, Path home) {
        String text = value.strip();
        String path;
        Matcher sqlalchemy = SQLALCHEMY.matcher(text);
        if (text.startsWith("jdbc:sqlite:")) {
            path = uriPath(text.substring("jdbc:sqlite:".length()), value, source);
        } else if (text.startsWith("file:")) {
            // SQLite's own URI filenames (file:data.db, file:///abs.db, file::memory:), not a path.
            path = uriPath(text, value, source);
        } else if (sqlalchemy.matches()) {
            // SQLAlchemy: sqlite:///relative/path and sqlite:////absolute/path; sqlite:// alone is in memory.
            String rest = sqlalchemy.group(1);
            if (!rest.startsWith("/") || rest.length() == 1) {
                throw new InvalidDatabaseUrlException(source, value, "it names no file (an in-memory database"
                        + " cannot be migrated)", "use sqlite:///./data/tmws.db or sqlite:////absolute/path.db");
            }
            path = rest.substring(1);
        } else if (looksLikeUrl(text)) {
            throw new InvalidDatabaseUrlException(source, value, "mcpconn stores connections in SQLite or PostgreSQL",
                    "pass a file path, a jdbc:sqlite: URL, a sqlite:/// URL or a postgresql:// URL");
        } else {
            path = text;
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            // Driver options such as ?check_same_thread=false do not change which file is meant.
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:")) {
            throw new InvalidDatabaseUrlException(source, value, "it names no file (an in-memory database cannot be"
                    + " migrated)", "pass the path of the database file");
        }
        // The shell expands ~ only at the start of an unquoted word; in a variable or quoted it arrives as is.
        if (path.equals("~") || path.startsWith("~/")) {
            path = home.toString() + path.substring(1);
        } else if (path.startsWith("~")) {
            throw new InvalidDatabaseUrlException(source, value, "it starts with ~user, which mcpconn does not expand",
                    "write the user's home directory out, e.g. /home/user/data/tmws.db");
        }
        try {
            return workingDirectory.resolve(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidDatabaseUrlException(source, value, "it is not a valid path (" + e.getReason() + ")",
                    "pass the path of the database file");
        }
    }

    /** Same, with the home directory of the user running mcpconn for {@code ~}. */
    static Path parse(String value, String source, Path workingDirectory) {
        return parse(value, source, workingDirectory, Path.of(System.getProperty("user.home")));
    }

    /**
     * The file a SQLite URI filename names: {@code file:} and an optional {@code //} authority
     * (empty or localhost) stripped, its query kept for the caller to drop; refused when it is an
     * in-memory database.
     */
    private static String uriPath(String text, String value, String source) {
        String rest = text.startsWith("file:") ? text.substring("file:".length()) : text;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            if (!authority.isEmpty() && !authority.equals("localhost")) {
                throw new InvalidDatabaseUrlException(source, value, "it names a file on another host",
                        "pass the path of a local database file");
            }
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        int query = rest.indexOf('?');
        String options = query < 0 ? "" : rest.substring(query + 1);
        if (rest.startsWith(":memory:") || ("&" + options + "&").contains("&mode=memory&")) {
            throw new InvalidDatabaseUrlException(source, value, "it names an in-memory database, which cannot be"
                    + " migrated", "pass the path of the database file");
        }
        return rest;
    }

    /** Hides a password or token in a URL before it is shown: secrets never reach the output. */
    static String redact(String value) {
        return USER_INFO.matcher(value).replaceAll("//***@");
    }

    private static boolean looksLikeUrl(String text) {
        Matcher url = OTHER_URL.matcher(text);
        // A Windows drive letter ("C:\…") is a path, not a scheme.
        return url.matches() && url.group(1).length() > 1 && (url.group(2) != null || text.contains("@"));
    }
}
