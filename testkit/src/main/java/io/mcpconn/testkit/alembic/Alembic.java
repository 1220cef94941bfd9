package io.mcpconn.testkit.alembic;

import io.mcpconn.testkit.postgres.ChildProcess;
import io.mcpconn.testkit.postgres.ChildProcess.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Python service's side of a shared database, with the real tools: Alembic 1.8 and SQLAlchemy
 * 1.4 run by {@code python3 -m alembic} on an Alembic environment holding the service's first
 * revision ({@value #PARENT_REVISION}, its own {@code memories} table) and the seed's
 * {@value #SEED_REVISION}, written from the seed's specification. Python code runs with
 * SQLAlchemy on the same file, as the service's repository does.
 *
 * <p>The interpreter is the first of {@code $MCPCONN_PYTHON}, {@code /usr/bin/python3} (where
 * Debian's packages install) and {@code python3} on the PATH that can import both; when none can,
 * {@link #on} fails saying how to install them. Nothing is skipped.
 */
public final class Alembic {

    /** The seed's revision: creates {@code mcp_connections} as V1 does. */
    public static final String SEED_REVISION = "ff4b1a18d2f0";
    /** The Python service's revision before the seed's. */
    public static final String PARENT_REVISION = "3c5d7e9f1a2b";
    /** The one command that installs what the fixture needs, on Debian. */
    public static final String INSTALL = "apt-get install -y python3-alembic python3-sqlalchemy";

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final List<String> FILES = List.of("alembic.ini", "env.py", "script.py.mako",
            "versions/20251101_0900-3c5d7e9f1a2b_create_memories_table.py",
            "versions/20251112_1330-ff4b1a18d2f0_phase_1_1_add_mcp_connections_table.py");

    private final String python;
    private final Path environment;
    private final Path database;

    private Alembic(String python, Path environment, Path database) {
        this.python = python;
        this.environment = environment;
        this.database = database;
    }

    /**
     * The Alembic environment copied into {@code workDirectory}, working on the SQLite file {@code database}.
     *
     * @throws IllegalStateException if no Python can import Alembic and SQLAlchemy, saying how to install them
     */
    public static Alembic on(Path database, Path workDirectory) {
        String python = python();
        Path environment = workDirectory.resolve("alembic-env");
        try {
            Files.createDirectories(environment.resolve("versions"));
            // The service's data directory, where SQLite creates the file on the first upgrade.
            Files.createDirectories(database.toAbsolutePath().getParent());
            for (String file : FILES) {
                try (InputStream in = Alembic.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException("the fixture's " + file + " is not on the class path");
                    }
                    Files.copy(in, environment.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the Alembic environment to " + environment, e);
        }
        return new Alembic(python, environment, database.toAbsolutePath());
    }

    /** {@code alembic upgrade REVISION}; fails with its output unless it exits with 0. */
    public String upgrade(String revision) {
        return alembic("upgrade", revision);
    }

    /** {@code alembic downgrade REVISION} (e.g. {@code -1}, the seed's rollback). */
    public String downgrade(String revision) {
        return alembic("downgrade", revision);
    }

    /** {@code alembic stamp REVISION}. */
    public String stamp(String revision) {
        return alembic("stamp", revision);
    }

    /** What {@code alembic current} prints on its standard output, e.g. {@code "ff4b1a18d2f0 (head)"}; empty at base. */
    public String current() {
        return run(List.of(python, "-m", "alembic", "-c", environment.resolve("alembic.ini").toString(), "current"))
                .stdout().strip();
    }

    /** {@code alembic show REVISION}'s standard output (names the parent). */
    public String show(String revision) {
        return run(List.of(python, "-m", "alembic", "-c", environment.resolve("alembic.ini").toString(), "show",
                revision)).stdout();
    }

    /**
     * Runs {@code code} as a Python program with {@code engine} already made by SQLAlchemy's
     * {@code create_engine(url, future=True)} on the database (and {@code text}, {@code datetime} imported), as the
     * seed's verification snippets do; returns what it printed.
     */
    public String python(String code) {
        // future=True: the seed's snippets call conn.commit(), SQLAlchemy 2.0's API, which 1.4 has in
        // its 2.0 mode only.
        String program = "import os\nfrom datetime import datetime\nfrom sqlalchemy import create_engine, text\n"
                + "engine = create_engine(os.environ['TMWS_DATABASE_URL'], future=True)\n" + code;
        return run(List.of(python, "-c", program)).stdout();
    }

    /** The SQLAlchemy URL of the database, as the seed's {@code TMWS_DATABASE_URL}. */
    public String url() {
        return "sqlite:///" + database;
    }

    private String alembic(String command, String revision) {
        Outcome outcome = run(List.of(python, "-m", "alembic", "-c", environment.resolve("alembic.ini").toString(),
                command, revision));
        // Alembic logs what it ran on stderr; both streams are the command's answer.
        return outcome.stdout() + outcome.stderr();
    }

    private Outcome run(List<String> command) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("TMWS_DATABASE_URL", url());
        variables.put("PYTHONDONTWRITEBYTECODE", "1");
        Outcome outcome = ChildProcess.run(command, variables, environment, LIMIT);
        if (!outcome.succeeded()) {
            throw new IllegalStateException("the Python side failed: " + outcome.describe());
        }
        return outcome;
    }

    private static String python() {
        Set<String> candidates = new LinkedHashSet<>();
        Optional.ofNullable(System.getenv("MCPCONN_PYTHON")).filter(p -> !p.isBlank()).ifPresent(candidates::add);
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        return firstWithAlembic(candidates);
    }

    /** The first of {@code candidates} that imports Alembic and SQLAlchemy; fails naming each one and the install command. */
    static String firstWithAlembic(Set<String> candidates) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                Outcome outcome = ChildProcess.run(List.of(candidate, "-c",
                        "import alembic, sqlalchemy; print(alembic.__version__, sqlalchemy.__version__)"),
                        System.getenv(), Path.of(System.getProperty("java.io.tmpdir")), LIMIT);
                // The versions it printed, not only its exit code: anything else exiting with 0 is no Python.
                if (outcome.succeeded() && outcome.stdout().strip().matches("\\d+\\.\\d+\\S* \\d+\\.\\d+\\S*")) {
                    return candidate;
                }
                tried.add(candidate + " (" + outcome.stderr().strip().lines().reduce((a, b) -> b).orElse("failed") + ")");
            } catch (UncheckedIOException notThere) {
                tried.add(candidate + " (not found)");
            }
        }
        throw new IllegalStateException("The Alembic interop tests need Alembic 1.8 and SQLAlchemy 1.4 for python3;"
                + " none of " + String.join(", ", tried) + " can import them. Install them with: " + INSTALL
                + " (or point MCPCONN_PYTHON at a python3 that has them)");
    }
}
