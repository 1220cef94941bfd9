package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a page of connections ended: the creation time and id of its last connection. Listings
 * are ordered by creation time, newest first, then by id, so this pair is a stable keyset
 * position that inserts and deletes elsewhere do not shift.
 *
 * @param createdAt creation time of the last connection seen
 * @param id        id of the last connection seen
 */
public record PageCursor(Instant createdAt, ConnectionId id) {

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    /** The position just after {@code connection}. */
    public static PageCursor after(McpConnection connection) {
        return new PageCursor(connection.createdAt(), connection.id());
    }

    /** A compact text form for APIs and command lines: {@code <ISO instant>~<id>}. */
    public String encode() {
        return createdAt + "~" + id.value();
    }

    /**
     * Reads {@link #encode()}'s form back.
     *
     * @throws InvalidValueException if {@code text} is not a cursor this library produced
     */
    public static PageCursor decode(String text) {
        Objects.requireNonNull(text, "cursor");
        int tilde = text.lastIndexOf('~');
        if (tilde <= 0) {
            throw new InvalidValueException("page cursor \"" + text
                    + "\" is not one this library produced; pass the `next` value of the previous page");
        }
        try {
            return new PageCursor(Instant.parse(text.substring(0, tilde)), ConnectionId.of(text.substring(tilde + 1)));
        } catch (DateTimeParseException | InvalidValueException e) {
            throw new InvalidValueException("page cursor \"" + text
                    + "\" is not one this library produced; pass the `next` value of the previous page");
        }
    }

    /**
     * Whether {@code connection} comes after this position in the listing order (older, or as
     * old with a smaller id).
     */
    public boolean precedes(McpConnection connection) {
        int byTime = connection.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && connection.id().value().compareTo(id.value()) < 0);
    }
}
