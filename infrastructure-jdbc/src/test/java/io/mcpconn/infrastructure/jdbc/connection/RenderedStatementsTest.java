package io.mcpconn.infrastructure.jdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderedStatementsTest {

    private static final Map<String, String> STATEMENTS = Map.of(
            "by-id", "select a = ?, 'b:c' from \"t\" where x = '\\\\' -- é ✓",
            "insert", "insert into t values (?)\n  on conflict do nothing");

    @Test
    void whatTheBuildWritesReadsBackTheSameEveryTime(@TempDir Path folder) throws IOException {
        var file = folder.resolve("a/b/Dialect.connection-sql.properties");
        RenderedStatements.write(file, STATEMENTS);
        var first = Files.readAllBytes(file);
        RenderedStatements.write(file, STATEMENTS);

        assertThat(Files.readAllBytes(file)).as("no date or other changing line").isEqualTo(first);
        try (var in = Files.newInputStream(file)) {
            assertThat(RenderedStatements.read(in, STATEMENTS.keySet(), "Test")).contains(STATEMENTS);
        }
    }

    @Test
    void aResourceLackingAStatementIsNotUsed(@TempDir Path folder) throws IOException {
        var file = folder.resolve("Dialect.connection-sql.properties");
        RenderedStatements.write(file, Map.of("by-id", "select 1", "insert", " "));
        try (var in = Files.newInputStream(file)) {
            assertThat(RenderedStatements.read(in, Set.of("by-id", "insert"), "Test")).isEmpty();
        }
        try (var in = Files.newInputStream(file)) {
            assertThat(RenderedStatements.read(in, Set.of("by-id", "update"), "Test")).isEmpty();
        }
    }

    @Test
    void aMalformedResourceIsNotUsed() throws IOException {
        var malformed = new ByteArrayInputStream("by-id=\\u12".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(RenderedStatements.read(malformed, Set.of("by-id"), "Test")).isEmpty();
    }

    @Test
    void everyStatementHasAKeyAndEveryKeyAStatement() {
        assertThat(ConnectionSql.keys()).hasSize(13).contains("by-id", "page-all-first", "page-status-after");
    }
}
