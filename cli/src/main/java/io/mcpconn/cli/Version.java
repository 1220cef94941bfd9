package io.mcpconn.cli;

import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import picocli.CommandLine.IVersionProvider;

/** What {@code mcpconn --version} prints: the build and the schema version it migrates to. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String build = Version.class.getPackage().getImplementationVersion();
        return new String[] {"mcpconn " + (build == null ? "(development build)" : build)
                + ", schema head " + SchemaMigrator.head()};
    }
}
