package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.output.MigrateResult;

/** {@link SchemaMigrator#stamp}: records a version as applied without running or undoing anything. */
final class Stamp {

    private static final String BASE = SchemaMigrator.BASE;
    private static final String BASELINE_DESCRIPTION = "<< Flyway Baseline >>";

    private final MigrationContext context;

    Stamp(MigrationContext context) {
        this.context = context;
    }

    StampResult run(String version) {
        String target = context.knownVersion(version, true, "stamp");
        return context.guarded("stamp", () -> {
            ExistingSchema existing = context.inspect();
            if (!existing.hasHistory()) {
                if (target.equals(BASE)) {
                    return new StampResult(Optional.empty(), Optional.empty(), List.of(), List.of());
                }
                context.configure().baselineVersion(target).baselineDescription(BASELINE_DESCRIPTION).load()
                        .baseline();
                return new StampResult(Optional.empty(), Optional.of(target), ShippedMigrations.upTo(target),
                        List.of());
            }
            Optional<String> before = Flyways.currentVersion(context.flyway());
            if (!target.equals(BASE) && before.map(b -> SchemaVersion.newer(target, b)).orElse(true)) {
                MigrateResult result = context.configure().target(target).skipExecutingMigrations(true).load()
                        .migrate();
                return new StampResult(before, Optional.of(target),
                        result.migrations.stream().map(m -> m.version).toList(), List.of());
            }
            if (before.isEmpty() || before.get().equals(target)) {
                return new StampResult(before, before, List.of(), List.of());
            }
            List<String> forgotten = context.write(connection -> {
                List<String> above = AppliedMigration.read(connection).stream()
                        .filter(applied -> !applied.version().equals("0"))
                        .filter(applied -> target.equals(BASE) || SchemaVersion.newer(applied.version(), target))
                        .map(AppliedMigration::version)
                        .toList();
                AppliedMigration.forget(connection, above);
                List<String> newestFirst = new ArrayList<>(above);
                Collections.reverse(newestFirst);
                return newestFirst;
            });
            return new StampResult(before, target.equals(BASE) ? Optional.empty() : Optional.of(target), List.of(),
                    forgotten);
        });
    }
}
