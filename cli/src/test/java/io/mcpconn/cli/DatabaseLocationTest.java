package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    private static final Path CWD = Path.of("/srv/tmws");

    @Test
    void theOptionWinsOverBothVariablesWhichWinOverTheDefault() {
        Map<String, String> both = Map.of("MCPCONN_DATABASE_URL", "m.db", "TMWS_DATABASE_URL", "t.db");

        assertThat(DatabaseLocation.resolve(Optional.of("o.db"), both, CWD))
                .isEqualTo(new DatabaseLocation(Path.of("/srv/tmws/o.db"), "--db"));
        assertThat(DatabaseLocation.resolve(Optional.empty(), both, CWD))
                .isEqualTo(new DatabaseLocation(Path.of("/srv/tmws/m.db"), "MCPCONN_DATABASE_URL"));
        assertThat(DatabaseLocation.resolve(Optional.empty(), Map.of("TMWS_DATABASE_URL", "t.db"), CWD))
                .isEqualTo(new DatabaseLocation(Path.of("/srv/tmws/t.db"), "TMWS_DATABASE_URL"));
        assertThat(DatabaseLocation.resolve(Optional.empty(), Map.of(), CWD))
                .isEqualTo(new DatabaseLocation(Path.of("/srv/tmws/data/tmws.db"), "default"));
    }

    @Test
    void theSeedsSqlalchemyUrlsAreUnderstood() {
        assertThat(DatabaseLocation.parse("sqlite+aiosqlite:///./data/tmws.db", "TMWS_DATABASE_URL", CWD))
                .isEqualTo(Path.of("/srv/tmws/data/tmws.db"));
        assertThat(DatabaseLocation.parse("sqlite:///./data/tmws-dev.db", "x", CWD))
                .isEqualTo(Path.of("/srv/tmws/data/tmws-dev.db"));
        assertThat(DatabaseLocation.parse("sqlite:////var/lib/tmws/tmws.db", "x", CWD))
                .isEqualTo(Path.of("/var/lib/tmws/tmws.db"));
        assertThat(DatabaseLocation.parse("sqlite:///data/tmws.db?check_same_thread=false", "x", CWD))
                .isEqualTo(Path.of("/srv/tmws/data/tmws.db"));
    }

    @Test
    void jdbcUrlsAndPlainPathsAreUnderstood() {
        assertThat(DatabaseLocation.parse("jdbc:sqlite:/var/db/a.db", "x", CWD)).isEqualTo(Path.of("/var/db/a.db"));
        assertThat(DatabaseLocation.parse("jdbc:sqlite:file:rel.db?mode=rwc", "x", CWD))
                .isEqualTo(Path.of("/srv/tmws/rel.db"));
        assertThat(DatabaseLocation.parse("../other/./b.db", "x", CWD)).isEqualTo(Path.of("/srv/other/b.db"));
    }

    @Test
    void inMemoryAndOtherDatabasesAreRefusedWithoutShowingSecrets() {
        assertThatThrownBy(() -> DatabaseLocation.parse("sqlite://", "TMWS_DATABASE_URL", CWD))
                .isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessageContaining("in-memory database cannot be migrated");
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:sqlite::memory:", "--db", CWD))
                .isInstanceOf(InvalidDatabaseUrlException.class);
        assertThatThrownBy(() -> DatabaseLocation.parse("mysql://tmws:s3cr3t@db:3306/tmws", "TMWS_DATABASE_URL", CWD))
                .isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessage("Cannot use the database mysql://***@db:3306/tmws from TMWS_DATABASE_URL:"
                        + " mcpconn stores connections in SQLite or PostgreSQL. Fix: pass a file path, a jdbc:sqlite:"
                        + " URL, a sqlite:/// URL or a postgresql:// URL")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void postgresqlUrlsNameAServerAndAPasswordInThemIsRefusedUnshown() {
        var location = DatabaseLocation.resolve(Optional.of("postgresql://mcp@db.internal/tmws"), Map.of(), CWD);
        assertThat(location.postgres()).isTrue();
        assertThat(location.shown()).isEqualTo("postgresql://db.internal:5432/tmws");
        assertThatThrownBy(() -> location.file("rotate-key")).isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessageContaining("rotate-key works on an SQLite database file only");
        var seeds = DatabaseLocation.resolve(Optional.empty(), Map.of("TMWS_DATABASE_URL",
                "postgresql+asyncpg://tmws@db:6543/tmws"), CWD);
        assertThat(seeds.server().orElseThrow().port()).isEqualTo(6543);
        assertThat(seeds.source()).isEqualTo("TMWS_DATABASE_URL");
        assertThatThrownBy(() -> DatabaseLocation.resolve(Optional.empty(), Map.of("TMWS_DATABASE_URL",
                "postgresql+asyncpg://tmws:s3cr3t@db:5432/tmws"), CWD))
                .isInstanceOf(InvalidDatabaseUrlException.class)
                .hasMessageContaining("postgresql+asyncpg://***@db:5432/tmws from TMWS_DATABASE_URL")
                .hasMessageContaining("PGPASSWORD").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void sqliteUriFilenamesNameTheirFileAndAnInMemoryOneIsRefusedInsteadOfCreatingAFileOfThatName() {
        assertThat(DatabaseLocation.parse("file:data/tmws.db", "--db", CWD)).isEqualTo(Path.of("/srv/tmws/data/tmws.db"));
        assertThat(DatabaseLocation.parse("file:///var/db/a.db?mode=rw", "--db", CWD)).isEqualTo(Path.of("/var/db/a.db"));
        assertThat(DatabaseLocation.parse("file://localhost/var/db/a.db", "--db", CWD)).isEqualTo(Path.of("/var/db/a.db"));
        for (var memory : new String[] {"file::memory:", "jdbc:sqlite:file::memory:", "file:x.db?mode=memory",
            "file:x?cache=shared&mode=memory"}) {
            assertThatThrownBy(() -> DatabaseLocation.parse(memory, "--db", CWD)).as(memory)
                    .isInstanceOf(InvalidDatabaseUrlException.class).hasMessageContaining("in-memory database");
        }
        assertThatThrownBy(() -> DatabaseLocation.parse("file://server/share/a.db", "--db", CWD))
                .hasMessageContaining("it names a file on another host");
    }

    @Test
    void aLeadingTildeIsTheHomeDirectoryAsTheShellWouldHaveMadeItNotAFolderNamedTilde() {
        var home = Map.of("HOME", "/home/agent");
        assertThat(DatabaseLocation.resolve(Optional.of("~/x.db"), home, CWD).file()).isEqualTo(Path.of("/home/agent/x.db"));
        assertThat(DatabaseLocation.resolve(Optional.empty(), Map.of("HOME", "/home/agent", "TMWS_DATABASE_URL",
                "sqlite:///~/data/tmws.db"), CWD).file()).isEqualTo(Path.of("/home/agent/data/tmws.db"));
        assertThat(DatabaseLocation.resolve(Optional.of("a~b/x.db"), home, CWD).file()).isEqualTo(Path.of("/srv/tmws/a~b/x.db"));
        assertThatThrownBy(() -> DatabaseLocation.resolve(Optional.of("~other/x.db"), home, CWD))
                .isInstanceOf(InvalidDatabaseUrlException.class).hasMessageContaining("~user, which mcpconn does not expand");
    }
}
