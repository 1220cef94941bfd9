package io.mcpconn.infrastructure.postgres.migration;

/**
 * A PostgreSQL client program a migration operation needs ({@code pg_dump} for a backup,
 * {@code pg_restore} for a restore) is not installed; nothing was done.
 */
public final class ClientProgramMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String program;

    ClientProgramMissingException(String program) {
        super(program + " is not installed (looked in /usr/lib/postgresql/*/bin and on the PATH), and a backup or"
                + " restore of PostgreSQL needs it; install PostgreSQL's client programs, as new as the server"
                + " (Debian: apt-get install -y postgresql-client-15), or put " + program + " on the PATH");
        this.program = program;
    }

    /** The program that is missing. */
    public String program() {
        return program;
    }
}
