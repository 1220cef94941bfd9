package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.testkit.postgres.PostgresServer;
import io.mcpconn.testkit.servers.ServerEverything;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpconn db …} and {@code mcpconn connections …} on a PostgreSQL database of the test
 * cluster, named by {@code --db postgresql://…} with the password in {@code PGPASSWORD}: the same
 * procedure as on SQLite, and the password never in anything printed.
 */
class PostgresCommandsTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String NEW_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    private static final String SECRET = "sk-pg-cli-secret-5e1d07";

    @TempDir
    Path directory;

    private PostgresServer server;
    private String database;
    private String url;
    private Cli cli;
    private final List<Cli.Result> printed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = PostgresServer.shared();
        database = server.createDatabase("cli");
        url = "postgresql://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + database;
        cli = new Cli(directory).env("PGPASSWORD", server.password()).env("MCPCONN_SECRET_KEY", KEY)
                .env("MCPCONN_NAMESPACE", "team-a").env("MCPCONN_AGENT", "agent-7").env("EVERYTHING_KEY", SECRET);
    }

    @AfterEach
    void nothingPrintedThePasswordOrTheSecret() {
        for (var result : printed) {
            assertThat(result.out() + result.err()).doesNotContain(server.password()).doesNotContain(SECRET);
        }
        server.dropDatabase(database);
    }

    private Cli.Result run(String... args) {
        var full = Stream.concat(Stream.of("--db", url), Stream.of(args)).toArray(String[]::new);
        var result = cli.run(full);
        printed.add(result);
        return result;
    }

    private List<Path> dumps() throws Exception {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".dump")).sorted().toList();
        }
    }

    @Test
    void current_upgrade_history_verify_downgrade_and_stamp_work_as_on_sqlite() throws Exception {
        var before = run("db", "current");
        assertThat(before.code()).as(before.toString()).isZero();
        assertThat(before.out()).isEqualTo("database  postgresql://127.0.0.1:" + server.port() + "/" + database
                + " (--db)\ncurrent  none (no migration applied)\nhead     6 (add connection events), pending:"
                + " 1, 2, 3, 4, 5, 6\n");

        var upgrade = run("db", "upgrade");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).endsWith("upgraded base -> 6 (applied 1, 2, 3, 4, 5, 6)\n");
        assertThat(dumps()).as("nothing to back up before the table exists").isEmpty();
        assertThat(run("db", "current").out()).contains("current  6 (add connection events)\n",
                "head     6 (add connection events), up to date\n");
        assertThat(run("db", "history").out())
                .containsPattern("6 +add connection events +applied +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +ok\n");

        var verify = run("db", "verify");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("ok  postgresql ", "ok  namespace+agent query", "Index Scan on ix_mcp_connections_",
                "verify: all 10 checks passed");

        var downgrade = run("db", "downgrade", "-1");
        assertThat(downgrade.code()).as(downgrade.toString()).isZero();
        assertThat(downgrade.out()).contains("with pg_dump … done (").endsWith("downgraded 6 -> 5 (undid 6)\n");
        assertThat(run("db", "current").out()).contains("current  5 (index pages in time order)\n",
                "pending: 6\n");

        var again = run("db", "upgrade", "--target", "V6");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).endsWith("upgraded 5 -> 6 (applied 6)\n");
        assertThat(dumps()).as("two backups in the same second (the clock is fixed) under two names")
                .extracting(file -> file.getFileName().toString())
                .containsExactly(database + "-20251112-133005-2.dump", database + "-20251112-133005.dump");

        assertThat(run("db", "stamp", "4").out()).contains("stamped 6 -> 4");
        assertThat(run("db", "current").out()).contains("current  4 ");
        var head = run("db", "stamp", "head");
        assertThat(head.code()).as(head.toString()).isZero();
        assertThat(run("--json", "db", "current").out()).contains("\"current\" : \"6\"", "\"atHead\" : true",
                "\"database\" : \"postgresql://127.0.0.1:" + server.port() + "/" + database + "\"");

        var unknown = run("db", "upgrade", "--target", "9");
        assertThat(unknown.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(unknown.err()).contains("this build ships versions 1, 2, 3, 4, 5, 6", "Fix: pass one of the known");
        var drop = run("db", "downgrade", "--target", "base", "--no-backup");
        assertThat(drop.code()).as(drop.toString()).isZero();
        assertThat(drop.out()).endsWith("downgraded 6 -> base (undid 6, 5, 4, 3, 2, 1)\n");
    }

    @Test
    void a_backup_restores_the_connections_it_holds_and_keeps_what_it_replaced() throws Exception {
        assertThat(run("db", "upgrade").code()).isZero();
        assertThat(run("connections", "add", "remote", "--url", "http://localhost:9/mcp", "--api-key-env",
                "EVERYTHING_KEY").code()).isZero();
        var file = directory.resolve("before.dump");
        var backup = run("db", "backup", "--to", "before.dump");
        assertThat(backup.code()).as(backup.toString()).isZero();
        assertThat(backup.out()).contains("backing up the PostgreSQL database " + database + " on 127.0.0.1:"
                + server.port() + " to " + file + " with pg_dump … done (");
        var json = new ObjectMapper().readTree(run("--json", "db", "backup").out());
        assertThat(Path.of(json.at("/backup/file").asText())).isEqualTo(directory.resolve(database
                + "-20251112-133005.dump"));
        assertThat(run("connections", "remove", "remote").code()).isZero();
        assertThat(run("connections", "list").out()).startsWith("no connections");

        var restore = run("db", "restore", "before.dump");
        assertThat(restore.code()).as(restore.toString()).isZero();
        assertThat(run("connections", "list").out()).contains("remote");
        assertThat(server.psql(database, "SELECT config_json->>'api_key' LIKE 'enc:v1:%' FROM mcp_connections"))
                .as("the api key comes back sealed").isEqualTo("t");
        assertThat(dumps()).as("what the restore replaced was dumped first").hasSize(3);

        var exists = run("db", "backup", "--to", "before.dump");
        assertThat(exists.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(exists.err()).contains(file + ": the file exists", "Fix: name another file with --to");
        var missing = run("db", "restore", "gone.dump");
        assertThat(missing.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(missing.err()).contains("there is no such file");
        var notADump = Files.writeString(directory.resolve("notes.dump"), "not a dump\n");
        var broken = run("db", "restore", notADump.toString());
        assertThat(broken.code()).as(broken.toString()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(broken.err()).contains("pg_restore failed");
        assertThat(run("connections", "list").out()).as("a failed restore changes nothing").contains("remote");
    }

    @Test
    void connections_are_added_connected_called_and_removed_on_postgresql() throws Exception {
        String stdio = String.join(" ", ServerEverything.stdioCommand().stream().map(word -> "'" + word + "'").toList());
        var added = run("connections", "add", "everything", "--stdio", stdio, "--env", "API_TOKEN=@env:EVERYTHING_KEY",
                "--timeout", "20", "--retries", "0");
        assertThat(added.code()).as(added.toString()).isZero();
        assertThat(added.out()).contains("registered everything", "for agent agent-7 in namespace team-a");

        var connected = run("connections", "connect", "everything");
        assertThat(connected.code()).as(connected.toString()).isZero();
        assertThat(server.psql(database, "SELECT status || ' ' || (jsonb_array_length(tools_json) > 5)"
                + " FROM mcp_connections")).isEqualTo("disconnected true");
        var call = run("connections", "call", "everything", "get-sum", "--args", "{\"a\": 20, \"b\": 22}");
        assertThat(call.code()).as(call.toString()).isZero();
        assertThat(call.out()).contains("42");
        assertThat(run("connections", "show", "everything").out()).contains("API_TOKEN (values hidden)");
        var list = new ObjectMapper().readTree(run("--json", "connections", "list").out());
        assertThat(list.at("/database").asText()).isEqualTo("postgresql://127.0.0.1:" + server.port() + "/" + database);
        assertThat(server.psql(database, "SELECT config_json::text FROM mcp_connections"))
                .as("the env value is sealed at rest").contains("enc:v1:").doesNotContain(SECRET);

        assertThat(run("connections", "remove", "everything").code()).isZero();
        assertThat(server.psql(database, "SELECT count(*) FROM mcp_connections")).isEqualTo("0");
        assertThat(server.psql(database, "SELECT count(*) FROM mcp_session_leases")).isEqualTo("0");
    }

    @Test
    void a_password_in_the_url_a_wrong_one_and_a_missing_key_are_refused_without_showing_them() {
        var inUrl = cli.run("--db", "postgresql://" + server.user() + ":" + server.password() + "@" + server.host() + ":"
                + server.port() + "/" + database, "db", "current");
        printed.add(inUrl);
        assertThat(inUrl.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(inUrl.err()).contains("PGPASSWORD");

        var wrong = new Cli(directory).env("PGPASSWORD", "not-the-password-1f2e").run("--db", url, "db", "current");
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(wrong.err()).contains("password").doesNotContain("not-the-password-1f2e");

        var noKey = new Cli(directory).env("PGPASSWORD", server.password()).run("--db", url, "connections", "list");
        printed.add(noKey);
        assertThat(noKey.code()).as(noKey.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(noKey.err()).contains("MCPCONN_SECRET_KEY");
    }

    @Test
    void rotate_key_reseals_every_connection_with_the_key_put_first_and_writes_no_key() throws Exception {
        assertThat(run("db", "upgrade").code()).isZero();
        assertThat(run("connections", "add", "remote", "--url", "http://localhost:9/mcp", "--api-key-env",
                "EVERYTHING_KEY").code()).isZero();
        var before = server.psql(database, "SELECT config_json->>'api_key' FROM mcp_connections");

        cli.env("MCPCONN_SECRET_KEY", NEW_KEY + "," + KEY);
        var rotate = run("db", "rotate-key");
        assertThat(rotate.code()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).contains("resealing every connection with key ", "done (1 connection(s))",
                "remove the older keys from it once no backup needs them, on every instance");
        var after = server.psql(database, "SELECT config_json->>'api_key' FROM mcp_connections");
        assertThat(after).startsWith("enc:v1:").isNotEqualTo(before);
        assertThat(after.split(":")[2]).as("sealed with another key id").isNotEqualTo(before.split(":")[2]);
        assertThat(Files.list(directory).toList()).as("no key file is made for a shared database").isEmpty();

        cli.env("MCPCONN_SECRET_KEY", NEW_KEY);
        var show = run("connections", "show", "remote");
        assertThat(show.code()).as("the new key alone opens it: %s", show).isZero();
        cli.env("MCPCONN_SECRET_KEY", KEY);
        var old = run("connections", "show", "remote");
        assertThat(old.code()).as("the old key alone no longer does: %s", old).isNotZero();
        assertThat(old.err()).contains("cannot be read", "which is not among the keys at hand");
    }
}
