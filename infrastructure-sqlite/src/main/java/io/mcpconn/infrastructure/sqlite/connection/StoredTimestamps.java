package io.mcpconn.infrastructure.sqlite.connection;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The seed's {@code DATETIME} columns hold UTC text. SQLAlchemy writes
 * {@code YYYY-MM-DD HH:MM:SS.ffffff}; SQLite's {@code CURRENT_TIMESTAMP} default writes it without
 * the fraction; other tools write ISO-8601, sometimes with an offset. All of them are read; only
 * the first is written, so that text order is time order for the rows we write.
 */
final class StoredTimestamps {

    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d\\d:?\\d\\d)$");

    private StoredTimestamps() {
    }

    static String format(Instant instant) {
        return WRITTEN.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * Reads any of the accepted forms.
     *
     * @throws DateTimeParseException if it is none of them
     */
    static Instant parse(String text) {
        var iso = text.strip().replace(' ', 'T');
        if (HAS_OFFSET.matcher(iso).matches()) {
            return OffsetDateTime.parse(iso.endsWith("Z") ? iso : withColon(iso)).toInstant();
        }
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    // ISO-8601 allows +0000; java.time's ISO parser wants +00:00.
    private static String withColon(String iso) {
        var offset = iso.substring(iso.length() - 5);
        if (offset.charAt(0) == '+' || offset.charAt(0) == '-') {
            return iso.substring(0, iso.length() - 5) + offset.substring(0, 3) + ":" + offset.substring(3);
        }
        return iso;
    }
}
