package io.mcpconn.infrastructure.jdbc.secrets;

/**
 * A stored secret is sealed but cannot be opened. The message names the field and the key, never
 * the value.
 */
public final class SealedValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    SealedValueException(SealedField field, String problem) {
        super(field.field() + " " + problem);
        this.field = field.field();
    }

    /** The field within the column, e.g. {@code api_key}. */
    public String field() {
        return field;
    }
}
