package io.mcpconn.infrastructure.postgres.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libpq's password file ({@code ~/.pgpass}, or the file {@code PGPASSFILE} names): lines of
 * {@code host:port:database:user:password}, where {@code *} matches anything and {@code \:} and
 * {@code \\} escape; the first line that matches wins. Read here so that the CLI and a runtime find
 * the password where psql and pg_dump do.
 */
final class PassFile {

    private PassFile() {
    }

    /** The password the file at {@code file} gives for {@code location} and {@code user}, if any. */
    static Optional<String> lookup(Path file, PostgresLocation location, String user) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (var line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var fields = fields(line);
            if (fields.size() == 5 && matches(fields.get(0), location.host())
                    && matches(fields.get(1), Integer.toString(location.port()))
                    && matches(fields.get(2), location.database()) && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static List<String> fields(String line) {
        var fields = new ArrayList<String>();
        var current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
