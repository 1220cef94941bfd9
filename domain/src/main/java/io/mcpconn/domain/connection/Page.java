package io.mcpconn.domain.connection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the connections on this page, in listing order
 * @param next  where the next page starts; empty on the last page
 * @param <T>   what is listed
 */
public record Page<T>(List<T> items, Optional<PageCursor> next) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(next, "next");
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return next.isPresent();
    }
}
