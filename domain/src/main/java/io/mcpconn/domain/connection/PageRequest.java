package io.mcpconn.domain.connection;

import io.mcpconn.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a listing to read: at most {@code size} connections (fewer once they hold
 * {@link #MAX_PAGE_BYTES}), starting after
 * {@code after} (the {@link Page#next()} cursor of the previous page), or from the newest.
 *
 * @param size  1 to {@value #MAX_SIZE}
 * @param after where the previous page ended; empty for the first page
 */
public record PageRequest(int size, Optional<PageCursor> after) {

    /** Largest page; keeps one read's memory and time bounded. */
    public static final int MAX_SIZE = 1000;

    /**
     * Most bytes of stored tools and configuration one page gathers: once its connections hold
     * this much, the page ends early (its cursor says where to go on), so that a page of large
     * connections still fits in memory. A page always holds at least one row.
     */
    public static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;

    /** Page size used when the caller has no preference. */
    public static final int DEFAULT_SIZE = 100;

    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("page size must be between 1 and " + MAX_SIZE + ", but is " + size);
        }
    }

    /** The first page of {@code size}. */
    public static PageRequest first(int size) {
        return new PageRequest(size, Optional.empty());
    }

    /** The page of {@code size} after {@code cursor}. */
    public static PageRequest after(PageCursor cursor, int size) {
        return new PageRequest(size, Optional.of(cursor));
    }
}
