package io.mcpconn.infrastructure.postgres.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.jdbc.connection.RenderedStatements;
import org.junit.jupiter.api.Test;

/** The build ships the repository's SQL beside the dialect exactly as jOOQ renders it now. */
class PostgresDialectStatementsTest {

    @Test
    void theShippedStatementsAreTheRenderingOfTheseClasses() {
        assertThat(PostgresDialect.class.getResource("PostgresDialect.connection-sql.properties"))
                .as("the build's render-connection-sql step (exec-maven-plugin) wrote the resource").isNotNull();
        assertThat(RenderedStatements.staleStatements(PostgresDialect.INSTANCE)).isEmpty();
    }
}
