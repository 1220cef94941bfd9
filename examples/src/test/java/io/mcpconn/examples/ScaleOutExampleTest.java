package io.mcpconn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutExampleTest {

    @Test
    void two_instances_started_as_the_readme_shows_share_one_postgresql_database() {
        var server = PostgresServer.shared();
        var database = server.createDatabase("scaleout");
        var environment = Map.of("MCPCONN_DB", "postgresql://" + server.user() + "@" + server.host() + ":"
                + server.port() + "/" + database, "PGPASSFILE", server.passFile().toString(),
                "MCPCONN_SECRET_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        var team = Namespace.of("team-a");
        try (var first = ScaleOutExample.start(environment); var second = ScaleOutExample.start(environment)) {
            first.register().handle(new RegisterConnectionCommand(team, AgentId.of("agent-7"), ServerName.of("github"),
                    McpConnections.httpConfig()));

            var seen = second.repository().findByServerName(team, ServerName.of("github")).orElseThrow();
            assertThat(seen.config()).isEqualTo(McpConnections.httpConfig());
            assertThat(first.instance()).isNotEqualTo(second.instance());
        }
    }

    @Test
    void the_readme_shows_the_compiled_example() throws IOException {
        var readme = Files.readString(Path.of("..", "README.md"));
        var compiled = Files.readString(Path.of("src/main/java/io/mcpconn/examples/ScaleOutExample.java"));
        var start = readme.indexOf("```java\npackage io.mcpconn.examples;\n\nimport io.mcpconn.infrastructure.postgres");
        assertThat(start).as("README.md has the scale-out example as a java block").isNotNegative();
        assertThat(readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 7))).isEqualTo(compiled);
    }
}
