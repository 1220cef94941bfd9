package io.mcpconn.testkit.alembic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where Alembic is missing, the fixture fails with the one command that installs it; nothing is skipped. */
class AlembicTest {

    @Test
    void withoutAPythonThatHasAlembicTheFixtureFailsSayingHowToInstallIt() {
        var candidates = new LinkedHashSet<>(List.of("/nonexistent/python3", "/bin/true"));

        assertThatThrownBy(() -> Alembic.firstWithAlembic(candidates))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/python3 (not found)")
                .hasMessageContaining("/bin/true")
                .hasMessageEndingWith("Install them with: apt-get install -y python3-alembic python3-sqlalchemy"
                        + " (or point MCPCONN_PYTHON at a python3 that has them)");
    }

    @Test
    void thePythonWithAlembicIsTaken() {
        assertThat(Alembic.firstWithAlembic(new LinkedHashSet<>(List.of("/nonexistent/python3", "/usr/bin/python3"))))
                .isEqualTo("/usr/bin/python3");
    }
}
