package io.mcpconn.benchmarks.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.benchmarks.concurrency.ScenarioResult;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.dataset.PostgresServerAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a run's JMH JSON and concurrency JSON into the report: prints it and writes it as
 * Markdown (RESULTS.md) with the machine, JDK, date, commit and command it came from, and, where
 * there are PostgreSQL figures, the server's version and settings (asked of the server named in
 * {@code MCPCONN_BENCH_PG_URL}, so while it still runs).
 *
 * <p>{@code ResultsReport --out FILE [--jmh jmh.json] [--concurrency concurrency.json]
 * [--suite quick|full|…] [--commit SHA] [--command "benchmarks/run …"]}
 */
public final class ResultsReport {

    /** Where the start-up section begins and ends (written by {@code benchmarks/startup}). */
    static final String STARTUP_BEGIN = "<!-- startup: written by benchmarks/startup -->";
    static final String STARTUP_END = "<!-- startup: end -->";


    private ResultsReport() {
    }

    /** Writes the report of the given results. */
    public static void main(String[] args) throws IOException {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i], args[i + 1]);
        }
        if (!given.containsKey("--out")) {
            throw new IllegalArgumentException("usage: ResultsReport --out FILE [--jmh FILE] [--concurrency FILE]"
                    + " [--suite NAME] [--commit SHA] [--command TEXT]");
        }
        List<JmhResult> jmh = given.containsKey("--jmh") && Files.exists(Path.of(given.get("--jmh")))
                ? JmhResult.read(Path.of(given.get("--jmh"))) : List.of();
        List<ScenarioResult> concurrency = given.containsKey("--concurrency")
                && Files.exists(Path.of(given.get("--concurrency")))
                ? new ObjectMapper().readValue(Path.of(given.get("--concurrency")).toFile(), new TypeReference<>() { })
                : List.of();
        boolean onPostgres = jmh.stream().anyMatch(result -> result.db().equals("postgresql"))
                || concurrency.stream().anyMatch(result -> result.db().equals("postgresql"));
        Optional<PostgresSettings> postgres = onPostgres ? postgresSettings() : Optional.empty();
        String report = render(jmh, concurrency, Machine.describe(), postgres, given.getOrDefault("--suite", "custom"),
                given.getOrDefault("--commit", "unknown"), given.getOrDefault("--command", "unknown"));
        Path out = Path.of(given.get("--out"));
        Files.writeString(out, report + keptStartupSection(out));
        System.out.println(report);
        System.out.println("written to " + out);
    }

    /**
     * The start-up section {@code benchmarks/startup} writes into the report, kept as it is: it is
     * measured by that script, not by this run.
     */
    static String keptStartupSection(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String existing = Files.readString(out);
        int begin = existing.indexOf(STARTUP_BEGIN);
        int end = existing.indexOf(STARTUP_END);
        return begin < 0 || end < begin ? "" : "\n" + existing.substring(begin, end + STARTUP_END.length()) + "\n";
    }

    private static Optional<PostgresSettings> postgresSettings() {
        Optional<PostgresServerAddress> server = PostgresServerAddress.find();
        if (server.isEmpty()) {
            System.err.println("report: no PostgreSQL server configured; its version and settings are left out");
            return Optional.empty();
        }
        try {
            return Optional.of(PostgresSettings.read(server.get()));
        } catch (SQLException e) {
            System.err.println("report: cannot ask " + server.get() + " for its settings: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The whole report, in Markdown.
     *
     * @param postgres the PostgreSQL server's version and settings, if there are PostgreSQL figures and the server answered
     */
    public static String render(List<JmhResult> jmh, List<ScenarioResult> concurrency, Machine machine,
            Optional<PostgresSettings> postgres, String suite, String commit, String command) {
        ResultsTables tables = new ResultsTables(jmh);
        boolean onPostgres = tables.databases().contains("postgresql")
                || concurrency.stream().anyMatch(result -> result.db().equals("postgresql"));
        StringBuilder out = new StringBuilder("# mcpconn benchmarks\n\n");
        out.append("Suite **").append(suite).append("**, run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" at commit `").append(commit).append("` with `").append(command).append("`.\n\n");
        out.append("## Machine\n\n- CPU: ").append(machine.cpu()).append(", ").append(machine.cores())
                .append(" cores\n- Memory: ").append(machine.memory()).append("\n- OS: ").append(machine.os())
                .append("\n- JDK:\n\n```\n").append(machine.jdk()).append("\n```\n\n");
        if (onPostgres) {
            out.append(postgresSection(postgres));
        }
        out.append(whatWasMeasured(jmh));
        if (!tables.isEmpty()) {
            out.append("## Average time per operation\n\n").append(tables.timings()).append('\n');
            String scaling = tables.scaling();
            if (!scaling.isEmpty()) {
                out.append("## Scaling with the data set\n\nTime per operation on the largest data set over the"
                        + " smallest. A first page holds at most 50 rows, and fewer where the list is shorter, so the"
                        + " last column also divides by the rows returned.\n\n").append(scaling).append('\n');
            }
            String allocation = tables.allocation();
            if (!allocation.isEmpty()) {
                out.append("## Allocation\n\nBytes allocated per operation (`-prof gc`, `gc.alloc.rate.norm`).\n\n")
                        .append(allocation).append('\n');
            }
        }
        if (!concurrency.isEmpty()) {
            out.append("## Concurrency\n\nOne adapter per process on one database (a SQLite file, or a PostgreSQL"
                    + " database with a pool per process); writers load, change and save"
                    + " stored connections (3 in 4) or insert new ones, readers get by id or read a first page. A"
                    + " stale save is retried with a fresh load and counted apart: it is the version check working."
                    + " Busy/locked and other errors must be 0.\n\n").append(ResultsTables.concurrency(concurrency))
                    .append('\n');
        }
        return out.toString();
    }

    private static String postgresSection(Optional<PostgresSettings> postgres) {
        StringBuilder out = new StringBuilder("## PostgreSQL\n\n");
        if (postgres.isEmpty()) {
            return out.append("The server's version and settings were not recorded (it did not answer the report).\n\n")
                    .toString();
        }
        out.append("- Server: ").append(postgres.get().version()).append('\n');
        postgres.get().settings().forEach((name, value) -> out.append("- `").append(name).append("` = `").append(value)
                .append("`\n"));
        return out.append("\nBoth sides connect through a `PostgresDatabase` pool with the library's defaults (HikariCP,"
                + " 10 connections, `stringtype=unspecified`, `autosave=always`, UTC sessions). The floor writes"
                + " single-statement transactions at READ COMMITTED, which a version-checked update needs no more"
                + " than; the adapter writes SERIALIZABLE, as its rules need, and that is part of what it costs. Both"
                + " read with one statement in auto-commit.\n\n").toString();
    }

    private static String whatWasMeasured(List<JmhResult> jmh) {
        StringBuilder out = new StringBuilder("## What was measured\n\n"
                + "Each operation twice on the same database and schema: through the library's port"
                + " (`SqliteMcpConnectionRepository` or `PostgresMcpConnectionRepository`, secrets sealed) and through"
                + " the floor, hand-written JDBC with the same statements a careful engineer would write, Jackson"
                + " trees, and the adapter's connection settings (on SQLite statements prepared once per connection;"
                + " on PostgreSQL the adapter's kind of HikariCP pool, a statement prepared per call, which the driver"
                + " keeps prepared on the server). The PostgreSQL databases are loaded from the SQLite files, so"
                + " both hold the same rows. Data sets"
                + " are seeded: every row has 5 tools with JSON Schemas, about 1.6 KB of JSON in all, spread over "
                + String.format("%,d", DatasetSpec.NAMESPACES) + " namespaces × " + DatasetSpec.AGENTS_PER_NAMESPACE
                + " agents:\n\n");
        for (int rows : new TreeSet<>(jmh.stream().map(JmhResult::rows).toList())) {
            out.append(String.format("- %,d rows: a namespace lists %,d, an agent %,d (pages hold at most 50)%n", rows,
                    rows / DatasetSpec.NAMESPACES, rows / DatasetSpec.NAMESPACES / DatasetSpec.AGENTS_PER_NAMESPACE));
        }
        new TreeSet<>(jmh.stream().map(JmhResult::settings).toList())
                .forEach(settings -> out.append("\nJMH: average time, ").append(settings).append(".\n"));
        return out.append('\n').toString();
    }
}
