package io.mcpconn.domain.shared;

/**
 * Base of every error the domain raises on purpose. Messages say what is wrong and how to fix it,
 * and never carry secrets, so callers may show them to a user as they are.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message);
    }
}
