package io.mcpconn.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What libraries log reaches the command line's user as one line each, stack traces only when debugging. */
class CliLoggingTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aWarningWithACauseIsOneLineNamingTheCausesWithoutAStackTrace() {
        Logger logger = new CliLoggingProvider.Loggers(false, () -> err).getLogger("org.jooq.Tools");

        logger.warn("could not close {}", "a cursor", new IllegalStateException("closed twice",
                new SQLException("[SQLITE_MISUSE] library used incorrectly\nsecond line")));
        logger.info("not shown");

        assertThat(text()).isEqualTo("mcpconn: warning (org.jooq.Tools): could not close a cursor: IllegalStateException"
                + " closed twice: SQLException [SQLITE_MISUSE] library used incorrectly\n");
    }

    @Test
    void flywayIsSilentUnlessDebuggingAndDebuggingAddsTheStackTrace() {
        CliLoggingProvider.Loggers quiet = new CliLoggingProvider.Loggers(false, () -> err);
        quiet.getLogger("org.flywaydb.core.internal.command.DbMigrate").error("Migration failed", new SQLException("x"));
        assertThat(text()).isEmpty();

        CliLoggingProvider.Loggers debug = new CliLoggingProvider.Loggers(true, () -> err);
        debug.getLogger("org.flywaydb.core.internal.command.DbMigrate").error("Migration failed", new SQLException("x"));
        debug.getLogger("org.flywaydb.core.FlywayExecutor").warn("not shown: Flyway speaks at ERROR only");

        assertThat(text()).startsWith("mcpconn: error (org.flywaydb.core.internal.command.DbMigrate): Migration"
                + " failed\njava.sql.SQLException: x\n\tat ").doesNotContain("not shown");
    }

    @Test
    void theCommandLineBindsThisProvider() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(CliLoggingProvider.Loggers.class);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
