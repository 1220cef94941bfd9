package io.mcpconn.cli;

/**
 * The exit codes of {@code mcpconn}, documented in the README. Each failure a user can cause has
 * its own, so that scripts can tell a locked database (retry later) from a refusal (change the
 * request) without reading the message.
 */
public final class ExitCode {

    /** Success; for {@code verify}, every check passed. */
    public static final int OK = 0;
    /** {@code verify} found a failing check; a called tool reported an error; an import left entries out. */
    public static final int VERIFY_FAILED = 1;
    /** Unknown command or option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** Refused before changing anything: unknown version, unmanaged table, edited migration, missing down script, data not backed up, SQLite without JSON, missing database, bad database URL. */
    public static final int REFUSED = 3;
    /** The database file or its directory cannot be created, opened or written (permissions, not SQLite, disk full), or a row is corrupt. */
    public static final int UNAVAILABLE = 4;
    /** Another process held the database longer than the busy timeout; nothing changed. */
    public static final int LOCKED = 5;
    /** A migration, down script or restore failed; its transaction was rolled back. */
    public static final int MIGRATION_FAILED = 6;
    /** The MCP server failed: unreachable, refused the credentials, timed out, or broke the protocol. */
    public static final int SERVER_FAILED = 7;
    /** A bug: an error nobody foresaw. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
