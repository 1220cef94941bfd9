package io.mcpconn.cli;

import io.mcpconn.application.connect.ConnectFailedException;
import io.mcpconn.application.connection.ApplicationException;
import io.mcpconn.application.mcp.McpClientException;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.domain.shared.DomainException;
import io.mcpconn.infrastructure.mcp.clientconfig.InvalidClientConfigException;
import io.mcpconn.infrastructure.jdbc.connection.ResealRefusedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDriftException;
import io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrationException;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfigurationException;
import io.mcpconn.infrastructure.postgres.database.PostgresUnavailableException;
import io.mcpconn.infrastructure.postgres.migration.ClientProgramFailedException;
import io.mcpconn.infrastructure.postgres.migration.ClientProgramMissingException;
import io.mcpconn.infrastructure.postgres.migration.PostgresMigrationRefusedException;
import java.util.List;

/**
 * Turns what went wrong into one message and an {@link ExitCode}, never a stack trace: every
 * failure a user can cause already carries the path, the cause and the fix in its message.
 */
final class Failures {

    private Failures() {
    }

    static int report(Exception failure, Output output, boolean debug) {
        if (failure instanceof ConnectFailedException || failure instanceof McpClientException) {
            output.error("server", failure.getMessage());
            return ExitCode.SERVER_FAILED;
        }
        if (failure instanceof UnreadableConnectionException) {
            output.error("corrupt-row", failure.getMessage());
            return ExitCode.UNAVAILABLE;
        }
        if (failure instanceof SchemaNotReadyException) {
            output.error("refused", failure.getMessage() + " with: mcpconn db upgrade");
            return ExitCode.REFUSED;
        }
        if (failure instanceof SchemaDriftException) {
            output.error("refused", failure.getMessage() + ": mcpconn db upgrade (it backs up first); mcpconn db"
                    + " current lists the differences");
            return ExitCode.REFUSED;
        }
        if (failure instanceof SecretsConfigurationException || failure instanceof ResealRefusedException) {
            output.error("refused", failure.getMessage());
            return ExitCode.REFUSED;
        }
        if (failure instanceof DomainException || failure instanceof ApplicationException
                || failure instanceof InvalidClientConfigException) {
            output.error("refused", failure.getMessage());
            return ExitCode.REFUSED;
        }
        if (failure instanceof MigrationRefusedException refused) {
            output.error("refused", MigrationHints.message(refused));
            return ExitCode.REFUSED;
        }
        if (failure instanceof InvalidDatabaseUrlException) {
            output.error("refused", failure.getMessage());
            return ExitCode.REFUSED;
        }
        if (failure instanceof PostgresMigrationRefusedException refused) {
            output.error("refused", MigrationHints.message(refused));
            return ExitCode.REFUSED;
        }
        if (failure instanceof ClientProgramMissingException) {
            output.error("refused", failure.getMessage());
            return ExitCode.REFUSED;
        }
        if (failure instanceof ClientProgramFailedException failed) {
            // A failed dump leaves no backup and changes nothing; a failed restore was rolled back.
            boolean restore = failed.program().equals("pg_restore");
            output.error(restore ? "migration-failed" : "unavailable", failure.getMessage());
            return restore ? ExitCode.MIGRATION_FAILED : ExitCode.UNAVAILABLE;
        }
        if (failure instanceof DatabaseUnavailableException || failure instanceof PostgresUnavailableException) {
            output.error("unavailable", failure.getMessage());
            return ExitCode.UNAVAILABLE;
        }
        if (failure instanceof DatabaseLockedException) {
            DatabaseLockedException locked = (DatabaseLockedException) failure;
            List<String> holders = OpenFileHolders.of(locked.path());
            output.error("locked", locked.getMessage() + (holders.isEmpty() ? ""
                    : ". Open in: " + String.join(", ", holders)));
            return ExitCode.LOCKED;
        }
        if (failure instanceof SchemaMigrationException) {
            output.error("migration-failed", failure.getMessage());
            return ExitCode.MIGRATION_FAILED;
        }
        output.error("internal", "internal error: " + failure
                + (debug ? "" : " (set MCPCONN_DEBUG=1 for the stack trace, and please report it)"));
        if (debug) {
            output.stackTrace(failure);
        }
        return ExitCode.INTERNAL;
    }
}
