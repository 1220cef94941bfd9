package io.mcpconn.infrastructure.jdbc.connection;

import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConnectionSql}'s statements as an adapter's build rendered them, in a properties resource
 * beside its dialect's class ({@code SqliteDialect.connection-sql.properties}): reading them takes
 * a millisecond, rendering them with jOOQ in a new process about 90 ms, most of it loading jOOQ.
 * The adapter's build runs {@link #main} after compiling, so the resource always comes from the
 * classes it ships with; a missing or incomplete one only costs that time.
 */
public final class RenderedStatements {

    private static final Logger LOG = LoggerFactory.getLogger(RenderedStatements.class);

    private RenderedStatements() {
    }

    /**
     * Renders the statements of a dialect into the resource beside it: {@code arguments} are the
     * dialect's class (an enum whose first constant is the dialect) and the class-output folder.
     */
    public static void main(String[] arguments) throws ReflectiveOperationException {
        if (arguments.length != 2) {
            throw new IllegalArgumentException("usage: RenderedStatements DIALECT_ENUM_CLASS CLASS_OUTPUT_FOLDER");
        }
        var type = Class.forName(arguments[0]);
        if (!type.isEnum() || !SqlDialect.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(arguments[0] + " is not an enum implementing SqlDialect");
        }
        var dialect = (SqlDialect) type.getEnumConstants()[0];
        var file = Path.of(arguments[1]).resolve(type.getPackageName().replace('.', '/')).resolve(resourceName(type));
        write(file, ConnectionStatements.render(dialect));
    }

    /**
     * For an adapter's tests: the keys of the statements its build shipped beside {@code dialect}
     * that are missing or not what {@link ConnectionStatements} renders now; empty when the shipped
     * resource is exactly the rendering.
     */
    public static List<String> staleStatements(SqlDialect dialect) {
        var rendered = ConnectionStatements.render(dialect);
        var shipped = shipped(dialect, rendered.keySet()).orElse(Map.of());
        return rendered.entrySet().stream().filter(entry -> !entry.getValue().equals(shipped.get(entry.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    /** The statements shipped beside {@code dialect}'s class, if all of {@code keys} are there. */
    static Optional<Map<String, String>> shipped(SqlDialect dialect, Set<String> keys) {
        var type = dialect instanceof Enum<?> constant ? constant.getDeclaringClass() : dialect.getClass();
        try (var in = type.getResourceAsStream(resourceName(type))) {
            return in == null ? Optional.empty() : read(in, keys, dialect.displayName());
        } catch (IOException e) {
            LOG.warn("could not read the statements shipped for {}, rendering them instead: {}",
                    dialect.displayName(), e.toString());
            return Optional.empty();
        }
    }

    /** The statements in {@code in}, if all of {@code keys} are there and none is blank. */
    static Optional<Map<String, String>> read(InputStream in, Set<String> keys, String dialect) throws IOException {
        var properties = new Properties();
        try {
            properties.load(in);
        } catch (IllegalArgumentException malformed) {
            LOG.warn("the statements shipped for {} are not a properties file, rendering them instead: {}", dialect,
                    malformed.getMessage());
            return Optional.empty();
        }
        var statements = new TreeMap<String, String>();
        for (var key : keys) {
            var statement = properties.getProperty(key, "");
            if (statement.isBlank()) {
                LOG.warn("the statements shipped for {} lack '{}', rendering them instead", dialect, key);
                return Optional.empty();
            }
            statements.put(key, statement);
        }
        return Optional.of(statements);
    }

    static String resourceName(Class<?> dialectType) {
        return dialectType.getSimpleName() + ".connection-sql.properties";
    }

    /** Writes {@code statements} to {@code file} the same way every build: no date in it. */
    static void write(Path file, Map<String, String> statements) {
        var properties = new Properties();
        properties.putAll(statements);
        var out = new ByteArrayOutputStream();
        try {
            properties.store(out, "Rendered at build time by RenderedStatements; edit ConnectionStatements instead");
            var lines = out.toString(StandardCharsets.ISO_8859_1).lines()
                    .filter(line -> !line.startsWith("#") || line.startsWith("#Rendered")).toList();
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
