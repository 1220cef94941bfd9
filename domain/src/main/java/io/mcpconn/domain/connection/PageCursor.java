package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.Checks;
import io.mcpconn.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of connections ended. Listings are ordered by creation time, newest first, then by
 * id; this pair is a stable keyset position that inserts and deletes elsewhere do not shift.
 *
 * <p>The position is text that sorts as the listing does: a creation time as UTC
 * {@code uuuu-MM-dd HH:mm:ss.SSSSSS} ({@link #positionOf(Instant)}). It is text rather than an
 * instant so that a cursor can also stand after a stored row whose time cannot be read (another
 * program wrote {@code 'yesterday'}): such a row is reported, and paging must move past it too. Callers
 * treat the cursor as opaque and hand back {@link #encode()}'s form.
 *
 * @param position where the last row seen sorts; at most {@value #MAX_POSITION_LENGTH} characters
 * @param id       id of the last row seen
 */
public record PageCursor(String position, ConnectionId id) {

    /** Longest position a cursor carries; adapters cut the sort text of unreadable rows to it. */
    public static final int MAX_POSITION_LENGTH = 40;

    private static final DateTimeFormatter POSITION = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final String REFUSAL = "\" is not one this library produced; pass the `next` value of the previous page";

    public PageCursor {
        Checks.wellFormed(position, "page cursor position");
        Objects.requireNonNull(id, "id");
        // Counted in code points, as SQL's substr cuts the sort text of a row: a time another program
        // wrote with characters outside the BMP is cut to 40 characters but more UTF-16 units.
        int length = position.codePointCount(0, position.length());
        if (length > MAX_POSITION_LENGTH) {
            throw new InvalidValueException("page cursor position must be at most " + MAX_POSITION_LENGTH
                    + " characters, but has " + length);
        }
    }

    /** The cursor at a connection created at {@code createdAt} with {@code id}. */
    public static PageCursor at(Instant createdAt, ConnectionId id) {
        return new PageCursor(positionOf(createdAt), id);
    }

    /** The position just after {@code connection}. */
    public static PageCursor after(McpConnection connection) {
        return at(connection.createdAt(), connection.id());
    }

    /** The sortable text of a creation time: UTC {@code uuuu-MM-dd HH:mm:ss.SSSSSS}. */
    public static String positionOf(Instant createdAt) {
        return POSITION.format(LocalDateTime.ofInstant(Objects.requireNonNull(createdAt, "createdAt"), ZoneOffset.UTC));
    }

    /** An opaque text form for APIs and command lines (URL-safe base64). */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((position + "\n" + id.value()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@link #encode()}'s form back.
     *
     * @throws InvalidValueException if {@code text} is not a cursor this library produced
     */
    public static PageCursor decode(String text) {
        Objects.requireNonNull(text, "cursor");
        var shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int newline = decoded.lastIndexOf('\n');
            if (text.isEmpty() || newline < 0 || !encodedAgain(decoded, text)) {
                throw new InvalidValueException("page cursor \"" + shown + REFUSAL);
            }
            return new PageCursor(decoded.substring(0, newline), ConnectionId.of(decoded.substring(newline + 1)));
        } catch (IllegalArgumentException | InvalidValueException e) {
            // Base64's own refusal, and the domain's InvalidValueException for a bad id or position.
            throw new InvalidValueException("page cursor \"" + shown + REFUSAL);
        }
    }

    // Malformed UTF-8 decodes to replacement characters; only text that encodes back the same is ours.
    private static boolean encodedAgain(String decoded, String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.getBytes(StandardCharsets.UTF_8))
                .equals(text.replace("=", ""));
    }

    /**
     * Whether {@code connection} comes after this position in the listing order (older, or as
     * old with a smaller id).
     */
    public boolean precedes(McpConnection connection) {
        int byTime = positionOf(connection.createdAt()).compareTo(position);
        return byTime < 0 || (byTime == 0 && connection.id().value().compareTo(id.value()) < 0);
    }
}
