package io.mcpconn.infrastructure.jdbc.connection;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The seed's {@code DATETIME} columns hold UTC text. SQLAlchemy writes
 * {@code YYYY-MM-DD HH:MM:SS.ffffff}; SQLite's {@code CURRENT_TIMESTAMP} default writes it without
 * the fraction; other tools write ISO-8601, sometimes with an offset; PostgreSQL's TIMESTAMPTZ
 * reads back with one ({@code +00}). All of them are read; only
 * the first is written, so that text order is time order for the rows we write.
 */
public final class StoredTimestamps {

    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final int WRITTEN_LENGTH = "2025-11-12 13:30:05.000000".length();
    // PostgreSQL writes a whole-hour offset as +00, without minutes.
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d\\d(:?\\d\\d)?)$");

    private StoredTimestamps() {
    }

    public static String format(Instant instant) {
        var time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return WRITTEN.format(time);
        }
        // By hand: the formatter costs more than the row's other columns together. Fractions are cut, not rounded.
        var out = new char[WRITTEN_LENGTH];
        put(out, 0, time.getYear(), 4);
        out[4] = '-';
        put(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, time.getDayOfMonth(), 2);
        out[10] = ' ';
        put(out, 11, time.getHour(), 2);
        out[13] = ':';
        put(out, 14, time.getMinute(), 2);
        out[16] = ':';
        put(out, 17, time.getSecond(), 2);
        out[19] = '.';
        put(out, 20, time.getNano() / 1_000, 6);
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Reads any of the accepted forms.
     *
     * @throws DateTimeParseException if it is none of them
     */
    public static Instant parse(String text) {
        var written = parseWritten(text);
        if (written != null) {
            return written;
        }
        var iso = text.strip().replace(' ', 'T');
        if (HAS_OFFSET.matcher(iso).matches()) {
            return OffsetDateTime.parse(iso.endsWith("Z") ? iso : withColon(iso)).toInstant();
        }
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    /**
     * The form we write, read without the general parser, which costs more than the rest of a row's
     * columns together; {@code null} for anything else, which the general parser then reads or refuses.
     */
    private static Instant parseWritten(String text) {
        if (text.length() != WRITTEN_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int micros = digits(text, 20, 26);
        if ((year | month | day | hour | minute | second | micros) < 0 || month < 1 || month > 12 || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1_000).toInstant(ZoneOffset.UTC);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    // ISO-8601 allows +0000 and +00; java.time's ISO parser wants +00:00.
    private static String withColon(String iso) {
        if (iso.charAt(iso.length() - 3) == '+' || iso.charAt(iso.length() - 3) == '-') {
            return iso + ":00";
        }
        var offset = iso.substring(iso.length() - 5);
        if (offset.charAt(0) == '+' || offset.charAt(0) == '-') {
            return iso.substring(0, iso.length() - 5) + offset.substring(0, 3) + ":" + offset.substring(3);
        }
        return iso;
    }
}
