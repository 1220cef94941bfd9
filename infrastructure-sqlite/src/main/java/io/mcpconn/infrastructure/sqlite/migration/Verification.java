package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Check;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/** {@link SchemaMigrator#verify}: the schema checks of {@link SchemaVerifier} plus Flyway's validation of the history. */
final class Verification {

    private final MigrationContext context;

    Verification(MigrationContext context) {
        this.context = context;
    }

    VerificationReport run() {
        return context.guarded("verify", () -> {
            ExistingSchema existing = context.inspect();
            boolean unmanaged = !existing.hasHistory() && existing.connectionsTable().isPresent();
            Optional<String> version = existing.hasHistory() ? Flyways.currentVersion(context.flyway())
                    : Optional.empty();
            List<Check> checks = new ArrayList<>(context.read(connection -> SchemaVerifier.checkSchema(connection,
                    version, unmanaged)));
            checks.add(2, historyCheck(existing));
            if (version.isPresent() && ExpectedSchema.at(version.get()).isPresent()) {
                checks.add(3, driftCheck(existing, version.get()));
            }
            return new VerificationReport(context.file().toString(), version, checks);
        });
    }

    /** The one check that names the likely cause when the tables are not what the history records. */
    private static Check driftCheck(ExistingSchema existing, String version) {
        return Drifts.detect(existing, Optional.of(version))
                .map(drift -> new Check("drift", Status.FAILED, drift.describe() + "; an upgrade with a backup"
                        + " re-creates what is missing"))
                .orElseGet(() -> new Check("drift", Status.PASSED, "every table, index and trigger of mcpconn's is"
                        + " what version " + version + " makes"));
    }

    private Check historyCheck(ExistingSchema existing) {
        if (!existing.hasHistory()) {
            return new Check("history", Status.FAILED, "no migration history (" + ExistingSchema.HISTORY_TABLE
                    + " does not exist)" + (existing.connectionsTable().isPresent()
                            ? "; mcp_connections exists (" + existing.alembicNote() + "): mcpconn db upgrade records it"
                                    + " as V1 if it matches, mcpconn db stamp records another version"
                            : "; run mcpconn db upgrade"));
        }
        ValidateResult result = context.configure().ignoreMigrationPatterns("*:pending").load().validateWithResult();
        List<String> problems = new ArrayList<>();
        if (result.invalidMigrations != null) {
            for (ValidateOutput invalid : result.invalidMigrations) {
                problems.add(invalid.errorDetails != null
                        && invalid.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH
                        ? "V" + invalid.version + " was edited after it ran (checksum mismatch); restore it, or run"
                                + " mcpconn db repair if the edit is intended"
                        : "V" + invalid.version + ": " + (invalid.errorDetails == null ? "invalid"
                                : invalid.errorDetails.errorMessage.lines().findFirst().orElse("invalid")));
            }
        }
        if (problems.isEmpty() && !result.validationSuccessful && result.errorDetails != null) {
            problems.add(result.errorDetails.errorMessage);
        }
        String head = ShippedMigrations.head();
        MigrationInfo[] applied = context.flyway().info().applied();
        Arrays.stream(applied)
                .filter(info -> info.isVersioned() && SchemaVersion.newer(info.getVersion().getVersion(), head))
                .forEach(info -> problems.add("the database is ahead of this build (head " + head + "): version "
                        + info.getVersion() + " is applied but unknown to it"));
        if (!problems.isEmpty()) {
            return new Check("history", Status.FAILED, String.join("; ", problems));
        }
        long succeeded = Arrays.stream(applied).filter(MigrationInfo::isVersioned)
                .filter(info -> info.getState() == MigrationState.SUCCESS).count();
        return new Check("history", Status.PASSED, "Flyway validated " + succeeded + " applied migration(s):"
                + " checksums match");
    }
}
