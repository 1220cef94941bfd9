package io.mcpconn.infrastructure.postgres.migration;

/**
 * A PostgreSQL client program ({@code pg_dump}, {@code pg_restore}) failed or did not finish in
 * time. A failed dump leaves no backup behind; a failed restore ran in one transaction and changed
 * nothing. The message ends with what the program said (never a password: it gets that from its
 * environment).
 */
public final class ClientProgramFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String program;

    ClientProgramFailedException(String program, String message) {
        super(message);
        this.program = program;
    }

    ClientProgramFailedException(String program, String message, Throwable cause) {
        super(message, cause);
        this.program = program;
    }

    /** The program that failed, {@code pg_dump} or {@code pg_restore}. */
    public String program() {
        return program;
    }
}
