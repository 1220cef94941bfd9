package io.mcpconn.domain.shared;

/**
 * A value object was given input that breaks one of its rules. The message names the value, the
 * rule and what a valid value looks like.
 */
public final class InvalidValueException extends DomainException {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
