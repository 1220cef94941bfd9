package io.mcpconn.infrastructure.jdbc.migration;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/** Reads Flyway's view of a database's migrations as the history an adapter reports, the same for every database. */
public final class FlywayHistory {

    /**
     * What an upgrade that heals drift writes as {@code installed_by} of each migration it runs
     * again, so that the history says so ({@link HistoryEntry.State#REAPPLIED}).
     */
    public static final String HEALED_BY = "mcpconn: healed drift";

    private FlywayHistory() {
    }

    /**
     * One entry per version, oldest first, from {@code all} (Flyway's {@code info().all()}).
     *
     * @param describe what a shipped version does, if this build ships it
     * @param installedOn when Flyway's history row says it was applied, in this database's reading
     */
    public static List<HistoryEntry> entries(MigrationInfo[] all, Function<String, Optional<String>> describe,
            Function<Date, Instant> installedOn) {
        var baseline = Arrays.stream(all).filter(info -> info.getState() == MigrationState.BASELINE).findFirst();
        var entries = new LinkedHashMap<String, HistoryEntry>();
        for (var info : all) {
            if (!info.isVersioned()) {
                continue;
            }
            var version = info.getVersion().getVersion();
            var entry = entry(info, baseline, describe, installedOn);
            var existing = entries.get(version);
            // The baseline row and the shipped migration it stands for share a version: one line.
            if (existing == null || entry.state() == HistoryEntry.State.BASELINE) {
                entries.put(version, entry);
            }
        }
        return entries.values().stream()
                .sorted(Comparator.comparing(entry -> MigrationVersion.fromVersion(entry.version())))
                .toList();
    }

    /** The versions {@code all} holds as applied, oldest first, without a baseline at 0. */
    public static List<String> applied(MigrationInfo[] all) {
        return Arrays.stream(all).filter(MigrationInfo::isVersioned)
                .filter(info -> info.getState().isApplied() && !info.getState().isFailed())
                .map(info -> info.getVersion().getVersion())
                .filter(version -> !version.equals("0")).distinct()
                .sorted(Comparator.comparing(MigrationVersion::fromVersion)).toList();
    }

    private static HistoryEntry entry(MigrationInfo info, Optional<MigrationInfo> baseline,
            Function<String, Optional<String>> describe, Function<Date, Instant> installedOn) {
        var version = info.getVersion().getVersion();
        var description = describe.apply(version)
                .orElse(version.equals("0") ? "baseline of a database holding other tables" : info.getDescription());
        var appliedAt = Optional.ofNullable(info.getInstalledOn()).map(installedOn);
        return switch (info.getState()) {
            case SUCCESS -> new HistoryEntry(version, description, HEALED_BY.equals(info.getInstalledBy())
                    ? HistoryEntry.State.REAPPLIED : HistoryEntry.State.APPLIED, appliedAt,
                    info.isChecksumMatching() ? HistoryEntry.Checksum.MATCHES : HistoryEntry.Checksum.MISMATCH);
            case BASELINE -> new HistoryEntry(version, description, HistoryEntry.State.BASELINE, appliedAt,
                    HistoryEntry.Checksum.NONE);
            case BELOW_BASELINE, BASELINE_IGNORED -> new HistoryEntry(version, description,
                    HistoryEntry.State.BASELINE, baseline.map(MigrationInfo::getInstalledOn).map(installedOn),
                    HistoryEntry.Checksum.NONE);
            case FAILED, FUTURE_FAILED, MISSING_FAILED -> new HistoryEntry(version, description,
                    HistoryEntry.State.FAILED, appliedAt, HistoryEntry.Checksum.NONE);
            case FUTURE_SUCCESS, MISSING_SUCCESS -> new HistoryEntry(version, description,
                    HistoryEntry.State.NOT_SHIPPED, appliedAt, HistoryEntry.Checksum.NONE);
            default -> new HistoryEntry(version, description, HistoryEntry.State.PENDING, Optional.empty(),
                    HistoryEntry.Checksum.NONE);
        };
    }
}
