package io.mcpconn.infrastructure.sqlite.migration;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** How every operation configures Flyway, and the one way they read the applied version from it. */
final class Flyways {

    private Flyways() {
    }

    static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(SchemaMigrator.MIGRATIONS_LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                // All pending migrations in one transaction: an upgrade is all or nothing.
                .group(true)
                .installedBy("mcpconn")
                .loggers("slf4j");
    }

    /** The applied version; a baseline at 0 (a database that only held other tables) counts as none. */
    static Optional<String> currentVersion(Flyway flyway) {
        return Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion)
                .map(MigrationVersion::getVersion)
                .filter(version -> !version.equals("0"));
    }
}
