package io.mcpconn.benchmarks.floor;

/**
 * Which page the floor reads: the first one, or the one after a (sort key, id) position.
 *
 * @param position the sort key of the last row seen; {@code null} for the first page
 * @param id       the id of the last row seen; {@code null} for the first page
 */
public record FloorPage(String position, String id) {

    /** The first page. */
    public static final FloorPage FIRST = new FloorPage(null, null);

    boolean isFirst() {
        return position == null;
    }
}
