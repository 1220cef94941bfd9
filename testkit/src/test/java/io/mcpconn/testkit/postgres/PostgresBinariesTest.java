package io.mcpconn.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    @TempDir
    Path root;

    @Test
    void version15IsPreferredOverNewerOnes() throws IOException {
        server(root.resolve("13/bin"));
        server(root.resolve("15/bin"));
        server(root.resolve("16/bin"));

        assertThat(PostgresBinaries.find(Map.of(), root).directory()).isEqualTo(root.resolve("15/bin"));
    }

    @Test
    void withoutVersion15TheNewestIsTakenByNumberNotByName() throws IOException {
        server(root.resolve("9.6/bin"));
        server(root.resolve("16/bin"));
        server(root.resolve("17/bin"));
        Files.createDirectories(root.resolve("18/bin")); // a client-only install: no server programs

        assertThat(PostgresBinaries.find(Map.of(), root).directory()).isEqualTo(root.resolve("17/bin"));
    }

    @Test
    void theVariableWinsOverTheInstalledVersions() throws IOException {
        server(root.resolve("15/bin"));
        var chosen = server(root.resolve("custom"));

        assertThat(PostgresBinaries.find(Map.of(PostgresBinaries.VARIABLE, chosen.toString()), root).directory()).isEqualTo(chosen);
    }

    @Test
    void aVariablePointingNowhereFailsRatherThanFallingBack() throws IOException {
        server(root.resolve("15/bin"));
        var empty = Files.createDirectories(root.resolve("empty"));

        assertThatThrownBy(() -> PostgresBinaries.find(Map.of(PostgresBinaries.VARIABLE, empty.toString()), root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PostgresBinaries.VARIABLE + "=" + empty)
                .hasMessageContaining("apt-get install -y postgresql-15");
    }

    @Test
    void thePathIsTheLastResortAndItsLinksAreFollowed() throws IOException {
        var real = server(root.resolve("opt/pg/bin"));
        var onPath = Files.createDirectories(root.resolve("local/bin"));
        Files.createSymbolicLink(onPath.resolve("initdb"), real.resolve("initdb"));
        Files.createSymbolicLink(onPath.resolve("pg_ctl"), real.resolve("pg_ctl"));
        var noVersions = Files.createDirectories(root.resolve("lib/postgresql"));

        assertThat(PostgresBinaries.find(Map.of("PATH", root.resolve("nothing") + ":" + onPath), noVersions).directory())
                .isEqualTo(real.toRealPath());
    }

    @Test
    void withNothingAnywhereTheMessageSaysWhatIsMissingAndHowToInstallIt() {
        assertThatThrownBy(() -> PostgresBinaries.find(Map.of("PATH", root.toString()), root.resolve("absent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initdb and pg_ctl were not found")
                .hasMessageContaining("Install the server: apt-get install -y postgresql-15");
    }

    private static Path server(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (var program : new String[] {"initdb", "pg_ctl"}) {
            var file = Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }
}
