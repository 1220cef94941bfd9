package io.mcpconn.infrastructure.postgres.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PostgreSQL database is: host, port, database name, the user if the URL names one, and
 * the driver's other URL parameters. Read from {@code postgresql://user@host:5432/db} (libpq's form)
 * or {@code jdbc:postgresql://host:5432/db?user=…} (the driver's). A URL never carries the
 * password: it would be printed, logged and kept in shell history, so one that does is refused.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param database the database's name
 * @param user the user the URL names, if it names one
 * @param parameters the URL's other parameters, passed to the driver
 */
public record PostgresLocation(String host, int port, String database, Optional<String> user,
        Map<String, String> parameters) {

    /** PostgreSQL's port unless the URL names another. */
    public static final int DEFAULT_PORT = 5432;

    /** Checks the fields and copies the map. */
    public PostgresLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        parameters = Map.copyOf(parameters);
        if (host.isBlank() || database.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a PostgreSQL location needs a host, a port in 1..65535 and a database");
        }
    }

    // SQLAlchemy's form names the Python driver after a '+' (postgresql+asyncpg://…), which is not ours to use.
    private static final java.util.regex.Pattern SQLALCHEMY_DRIVER =
            java.util.regex.Pattern.compile("(?i)^(postgres(?:ql)?)\\+[a-z0-9_]+://");

    /** Whether {@code url} names a PostgreSQL database rather than an SQLite file. */
    public static boolean isPostgresUrl(String url) {
        var lower = SQLALCHEMY_DRIVER.matcher(url.strip()).replaceFirst("$1://").toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:postgresql:") || lower.startsWith("postgresql://")
                || lower.startsWith("postgres://");
    }

    /**
     * Reads {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong with it: not a PostgreSQL URL, no
     *     database, a bad port, or a password in it
     */
    public static PostgresLocation parse(String url) {
        Objects.requireNonNull(url, "url");
        var text = SQLALCHEMY_DRIVER.matcher(url.strip()).replaceFirst("$1://");
        if (!isPostgresUrl(text)) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not a PostgreSQL URL; write it as"
                    + " postgresql://user@host:5432/database or jdbc:postgresql://host:5432/database");
        }
        var rest = text.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the PostgreSQL URL cannot be read (" + e.getReason() + ")", e);
        }
        var userInfo = Optional.ofNullable(uri.getRawUserInfo());
        if (userInfo.filter(info -> info.contains(":")).isPresent()) {
            throw passwordInUrl();
        }
        var parameters = new LinkedHashMap<String, String>();
        if (uri.getRawQuery() != null) {
            for (var pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                var key = decode(equals < 0 ? pair : pair.substring(0, equals));
                var value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.put(key, value);
            }
        }
        if (parameters.keySet().stream().anyMatch(key -> key.equalsIgnoreCase("password"))) {
            throw passwordInUrl();
        }
        var user = userInfo.map(PostgresLocation::decode).or(() -> Optional.ofNullable(parameters.remove("user")));
        var host = uri.getHost();
        var path = uri.getRawPath() == null ? "" : uri.getRawPath();
        var database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL URL names no host; write it as"
                    + " postgresql://user@host:5432/database");
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL URL names no database; add it after the host, as in"
                    + " postgresql://user@" + host + ":5432/mcpconn");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new PostgresLocation(host, port, database, user.filter(name -> !name.isBlank()), parameters);
    }

    /** The driver's URL: no user and no password in it, the parameters kept. */
    public String jdbcUrl() {
        var url = new StringBuilder("jdbc:postgresql://").append(host.contains(":") ? "[" + host + "]" : host)
                .append(':').append(port).append('/').append(database);
        char separator = '?';
        for (var entry : parameters.entrySet()) {
            url.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = '&';
        }
        return url.toString();
    }

    /** {@code postgresql://db.internal:5432/mcpconn}: where it is, without user, password or parameters. */
    public String url() {
        return "postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    /** "the PostgreSQL database mcpconn on db.internal:5432", for messages. */
    public String describe() {
        return "the PostgreSQL database " + database + " on " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "PostgresLocation[" + host + ":" + port + "/" + database + user.map(name -> ", user " + name).orElse("")
                + "]";
    }

    private static IllegalArgumentException passwordInUrl() {
        return new IllegalArgumentException("the PostgreSQL URL carries a password, which would be printed, logged"
                + " and kept in shell history; take it out of the URL and give it in the PGPASSWORD environment"
                + " variable or a pass file (PGPASSFILE, ~/.pgpass)");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    // A URL that is not ours may still hold a secret: shown only as far as its scheme.
    private static String shown(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? (text.length() > 20 ? text.substring(0, 20) + "…" : text) : text.substring(0, colon + 1) + "…";
    }
}
