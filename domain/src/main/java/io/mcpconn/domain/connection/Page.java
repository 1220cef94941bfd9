package io.mcpconn.domain.connection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing. Stored rows that cannot be read are reported in {@code unreadable}
 * rather than failing the listing, and the cursor moves past them as past any other row.
 *
 * @param items      what was read on this page, in listing order
 * @param unreadable the rows on this page that could not be read, in listing order
 * @param next       where the next page starts; empty on the last page
 * @param <T>        what is listed
 */
public record Page<T>(List<T> items, List<UnreadableConnection> unreadable, Optional<PageCursor> next) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        unreadable = List.copyOf(Objects.requireNonNull(unreadable, "unreadable"));
        Objects.requireNonNull(next, "next");
    }

    /** A page on which every row could be read. */
    public Page(List<T> items, Optional<PageCursor> next) {
        this(items, List.of(), next);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return next.isPresent();
    }
}
