package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's verification as one report: each check with its outcome and what it saw.
 *
 * @param database where the database is: an SQLite file's path, or a PostgreSQL database as
 *     {@code postgresql://host:port/name}
 * @param version the applied version the schema was checked against; empty when none is applied
 * @param checks in the order they ran
 */
public record VerificationReport(String database, Optional<String> version, List<Check> checks) {

    /** Whether a check passed. */
    public enum Status {
        /** What the seed expects. */
        PASSED,
        /** Not what the seed expects; the detail says what was found. */
        FAILED,
        /** Not checked, because a check it depends on failed. */
        SKIPPED
    }

    /**
     * One check.
     *
     * @param name a short name, e.g. {@code indexes}
     * @param status its outcome
     * @param detail what was found, e.g. the query plan
     */
    public record Check(String name, Status status, String detail) {

        /** Checks the fields. */
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Checks the fields and copies the list. */
    public VerificationReport {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(version, "version");
        checks = List.copyOf(checks);
    }

    /** Returns whether no check failed or was skipped. */
    public boolean passed() {
        return checks.stream().allMatch(check -> check.status() == Status.PASSED);
    }

    /** Returns the checks that did not pass. */
    public List<Check> failures() {
        return checks.stream().filter(check -> check.status() != Status.PASSED).toList();
    }
}
