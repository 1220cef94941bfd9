package io.mcpconn.cli;

import io.mcpconn.infrastructure.jdbc.connection.JdbcMcpConnectionRepository;
import io.mcpconn.infrastructure.jdbc.connection.SecretRotation;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mcpconn db rotate-key}: a new key seals every secret of the database, in one command.
 * With keys in a key file, a new key is generated and put first in it (the old ones stay, so that
 * backups sealed before still open), then every connection is resealed with it in one transaction.
 * With keys given in {@code MCPCONN_SECRET_KEY}, and on PostgreSQL, whose instances must all hold
 * the same keys, the operator puts the new key first there; the command reseals with it. Plaintext
 * secrets (the Python service's) are sealed along the way.
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
        description = {"Seal every stored secret with a new key, in one transaction; plaintext ones are sealed too.",
            "With a key file (the default <db>.key, or MCPCONN_SECRET_KEY_FILE) a new key is generated first in it and"
                    + " the old ones are kept for older backups; with MCPCONN_SECRET_KEY, put the new key first there.",
            "On PostgreSQL, put the new key first in MCPCONN_SECRET_KEY or MCPCONN_SECRET_KEY_FILE on every instance,"
                    + " then run this once: it reseals every connection with it."})
final class RotateKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final McpconnCommand top;

    RotateKeyCommand(McpconnCommand top) {
        this.top = top;
    }

    @Override
    public Integer call() {
        var output = top.output(spec.commandLine());
        var location = top.location();
        if (location.postgres()) {
            return onPostgres(output, location);
        }
        var file = location.file();
        if (!Files.exists(file)) {
            throw new MigrationRefusedException(MigrationRefusedException.Reason.DATABASE_MISSING,
                    "Cannot rotate the key of the SQLite database " + file + " (" + location.source()
                            + "): the file does not exist", "check --db, " + DatabaseLocation.MCPCONN_ENV + " and "
                            + DatabaseLocation.TMWS_ENV);
        }
        DbCommand.header(output, location);
        var options = SqliteDatabaseOptions.defaults().withBusyTimeout(top.busyTimeout());
        try (var database = SqliteDatabase.open(file, options)) {
            database.requireSchema(JdbcMcpConnectionRepository.REQUIRED_SCHEMA, "mcpconn db rotate-key");
            var resolved = SecretsConfiguration.fromEnvironment(top.environment(), database.file());
            if (!resolved.secrets().seals()) {
                return plaintext(output);
            }
            return report(output, location, SecretRotation.rotate(database, resolved, output.progress()));
        }
    }

    /**
     * On a database several instances share, no key is made here (the others would lack it): the
     * operator puts the new key first on every instance, then this reseals every row with it.
     */
    private int onPostgres(Output output, DatabaseLocation location) {
        DbCommand.header(output, location);
        var resolved = SecretsConfiguration.forSharedDatabase(top.environment());
        if (!resolved.secrets().seals()) {
            return plaintext(output);
        }
        var options = PostgresDatabaseOptions.fromEnvironment(location.server().orElseThrow(), top.environment())
                .withPoolSize(1);
        try (var database = PostgresDatabase.open(options)) {
            database.requireSchema(JdbcMcpConnectionRepository.REQUIRED_SCHEMA, "mcpconn db rotate-key");
            return report(output, location, SecretRotation.resealShared(database, resolved, output.progress()));
        }
    }

    private static int plaintext(Output output) {
        output.error("refused", "secrets are kept in plaintext (" + SecretsConfiguration.MODE + "=plaintext),"
                + " so there is no key to rotate; unset " + SecretsConfiguration.MODE + " to seal them");
        return ExitCode.REFUSED;
    }

    private static int report(Output output, DatabaseLocation location, SecretRotation.Rotation rotation) {
        var result = rotation.resealed();
        result.skipped().forEach(row -> output.line("skipped: " + row.describe()));
        if (rotation.keyFile().isEmpty()) {
            output.line("sealed with the first key of " + (location.postgres() ? SecretsConfiguration.KEY + " or "
                    + SecretsConfiguration.KEY_FILE : SecretsConfiguration.KEY) + " (" + rotation.sealingKey()
                    + "); remove the older keys from it once no backup needs them"
                    + (location.postgres() ? ", on every instance" : ""));
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("command", "rotate-key");
        document.put("database", location.shown());
        document.put("key", rotation.sealingKey());
        document.put("keyFile", rotation.keyFile().map(Object::toString).orElse(null));
        document.put("resealed", result.resealed());
        document.put("skipped", result.skipped().stream().map(ConnectionText::unreadable).toList());
        output.document(document);
        return ExitCode.OK;
    }
}
