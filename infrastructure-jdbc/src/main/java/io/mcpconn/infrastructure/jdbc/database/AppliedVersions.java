package io.mcpconn.infrastructure.jdbc.database;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Reads the schema version a database is at from the versions Flyway's history records as applied. */
public final class AppliedVersions {

    private AppliedVersions() {
    }

    /**
     * The newest of {@code applied} (the versions of successful rows), compared as numbers; empty if
     * there is none but a baseline at 0. Versions that are not whole numbers are not ours and are left out.
     */
    public static Optional<String> newest(Collection<String> applied) {
        return applied.stream()
                .filter(version -> version != null && version.matches("\\d{1,18}"))
                .max(Comparator.comparing(BigInteger::new))
                .filter(version -> !version.equals("0"));
    }
}
