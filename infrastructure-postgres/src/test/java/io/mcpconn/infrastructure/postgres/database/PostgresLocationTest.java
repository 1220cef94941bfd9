package io.mcpconn.infrastructure.postgres.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresLocationTest {

    @TempDir
    Path directory;

    @Test
    void reads_libpq_and_jdbc_urls_alike() {
        var libpq = PostgresLocation.parse("postgresql://mcp@db.internal:6543/tmws?sslmode=require");
        assertThat(libpq.host()).isEqualTo("db.internal");
        assertThat(libpq.port()).isEqualTo(6543);
        assertThat(libpq.database()).isEqualTo("tmws");
        assertThat(libpq.user()).contains("mcp");
        assertThat(libpq.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/tmws?sslmode=require");

        var jdbc = PostgresLocation.parse("jdbc:postgresql://db.internal/tmws?user=mcp");
        assertThat(jdbc.port()).isEqualTo(PostgresLocation.DEFAULT_PORT);
        assertThat(jdbc.user()).contains("mcp");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/tmws");
        assertThat(jdbc.describe()).isEqualTo("the PostgreSQL database tmws on db.internal:5432");
        assertThat(PostgresLocation.parse("postgres://h/d").user()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://mcp:hunter2@db/tmws", "jdbc:postgresql://db/tmws?user=mcp&password=hunter2",
        "jdbc:postgresql://db/tmws?PASSWORD=hunter2"})
    void a_password_in_the_url_is_refused_without_repeating_it(String url) {
        assertThatThrownBy(() -> PostgresLocation.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PGPASSWORD").hasMessageNotContaining("hunter2");
    }

    @Test
    void a_url_without_host_or_database_or_of_another_kind_says_what_is_missing() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://db.internal:5432/"))
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql:///tmws")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> PostgresLocation.parse("mysql://root:hunter2@db/x"))
                .hasMessageContaining("is not a PostgreSQL URL").hasMessageNotContaining("hunter2");
        assertThat(PostgresLocation.isPostgresUrl("data/tmws.db")).isFalse();
    }

    @Test
    void the_password_comes_from_pgpassword_or_the_pass_file_and_is_never_shown() throws Exception {
        var passFile = directory.resolve("pgpass");
        Files.writeString(passFile, "# comment\nother:5432:*:*:wrong\ndb.internal:5432:tmws:mcp:s3cr\\:et\n");
        var fromFile = PostgresDatabaseOptions.fromEnvironment("postgresql://mcp@db.internal/tmws",
                Map.of("PGPASSFILE", passFile.toString()));
        assertThat(fromFile.password()).contains("s3cr:et");
        assertThat(fromFile.toString()).doesNotContain("s3cr").contains("password given");

        var fromEnvironment = PostgresDatabaseOptions.fromEnvironment("postgresql://db.internal/tmws",
                Map.of("PGPASSWORD", "hunter2", "PGUSER", "ops", "PGPASSFILE", passFile.toString()));
        assertThat(fromEnvironment.password()).contains("hunter2");
        assertThat(fromEnvironment.user()).isEqualTo("ops");

        var none = PostgresDatabaseOptions.fromEnvironment("postgresql://nobody@elsewhere/tmws",
                Map.of("PGPASSFILE", passFile.toString()));
        assertThat(none.password()).isEqualTo(Optional.empty());
        assertThat(none.toString()).contains("password none");
    }

    @Test
    void the_pool_size_is_configurable_and_checked() {
        assertThat(PostgresDatabaseOptions.fromEnvironment("postgresql://h/d", Map.of(PostgresDatabaseOptions.POOL_SIZE,
                "25")).poolSize()).isEqualTo(25);
        assertThatThrownBy(() -> PostgresDatabaseOptions.fromEnvironment("postgresql://h/d",
                Map.of(PostgresDatabaseOptions.POOL_SIZE, "many"))).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> PostgresDatabaseOptions.of(PostgresLocation.parse("postgresql://h/d")).withPoolSize(0))
                .hasMessageContaining("1 to 1000");
    }
}
