package io.mcpconn.infrastructure.jdbc.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Which stored value a secret is: the row, the column and the field within the column's JSON
 * (e.g. {@code api_key}, {@code env.GITHUB_TOKEN}). Sealing binds the value to it.
 *
 * @param rowId  the row's id
 * @param column the column, e.g. {@code config_json}
 * @param field  the place in the column's JSON
 */
public record SealedField(String rowId, String column, String field) {

    /** Checks the parts. */
    public SealedField {
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(field, "field");
    }

    // NUL cannot occur in any part (ids, column names, JSON keys we write), so the join is unambiguous.
    byte[] associatedData() {
        return ("mcpconn/v1\0" + rowId + "\0" + column + "\0" + field).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return column + "." + field;
    }
}
