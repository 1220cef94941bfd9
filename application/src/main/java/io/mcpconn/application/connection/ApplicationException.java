package io.mcpconn.application.connection;

/**
 * Base of the errors the use cases raise on purpose. Like the domain's, their messages say what is
 * wrong and how to fix it in the library's words, hold no secret, and may be shown as they are.
 */
public abstract class ApplicationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ApplicationException(String message) {
        super(message);
    }

    protected ApplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
