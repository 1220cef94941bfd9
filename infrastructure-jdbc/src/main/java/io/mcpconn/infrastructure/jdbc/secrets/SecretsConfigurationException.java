package io.mcpconn.infrastructure.jdbc.secrets;

/**
 * The keys that seal secrets at rest cannot be had as configured: a key file that is missing,
 * unreadable, readable by others or malformed, a key that is not 32 bytes of base64, or settings
 * that contradict each other. Nothing was read or written with them.
 */
public final class SecretsConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    SecretsConfigurationException(String problem, String fix) {
        super(problem + ". Fix: " + fix);
        this.fix = fix;
    }

    SecretsConfigurationException(String problem, String fix, Throwable cause) {
        super(problem + ". Fix: " + fix, cause);
        this.fix = fix;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
