package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcpconn events}: what the outbox holds for a namespace, as text, JSON and a stream. */
class EventsCommandTest {

    private static final String SECRET = "sk-events-secret-5d20a9c1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(directory).env("MCPCONN_NAMESPACE", "team-a").env("MCPCONN_AGENT", "agent-7").env("KEY", SECRET);
    }

    private void addAndFailToConnect(String name) {
        var added = cli.run("connections", "add", name, "--url", "http://127.0.0.1:1/mcp", "--api-key-env", "KEY",
                "--retries", "0", "--timeout", "2");
        assertThat(added.code()).as(added.toString()).isZero();
        cli.run("connections", "connect", name);
    }

    private String sql(String statement) throws Exception {
        return SeedDatabases.query(directory.resolve("data/tmws.db"), statement);
    }

    private void update(String statement) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("data/tmws.db"));
                var update = connection.createStatement()) {
            update.executeUpdate(statement);
        }
    }

    @Test
    void lists_a_namespaces_events_oldest_first_with_their_delivery_and_never_a_secret() {
        addAndFailToConnect("broken");

        var events = cli.run("events");

        assertThat(events.code()).as(events.toString()).isZero();
        assertThat(events.out()).contains("#", "OCCURRED", "SERVER", "EVENT", "DELIVERY",
                "connection_registered for agent-7", "connecting_started", "connection_failed while connecting: ",
                "pending");
        assertThat(events.out().indexOf("connection_registered")).isLessThan(events.out().indexOf("connecting_started"));
        assertThat(events.out() + events.err()).doesNotContain(SECRET);
        assertThat(cli.run("events", "--namespace", "team-b").out()).contains("no events in namespace team-b");
    }

    @Test
    void json_gives_every_field_a_script_needs_and_since_picks_up_after_a_number() throws Exception {
        addAndFailToConnect("broken");

        JsonNode document = JSON.readTree(cli.run("--json", "events").out());
        var events = document.get("events");
        assertThat(events).hasSize(3);
        var first = events.get(0);
        assertThat(first.get("type").asText()).isEqualTo("connection_registered");
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(UUID.fromString(first.get("event_id").asText())).isNotNull();
        assertThat(first.get("namespace").asText()).isEqualTo("team-a");
        assertThat(first.get("server_name").asText()).isEqualTo("broken");
        assertThat(first.get("delivery").asText()).isEqualTo("pending");

        var after = JSON.readTree(cli.run("--json", "events", "--since", "1").out()).get("events");
        assertThat(after).hasSize(2);
        assertThat(after.get(0).get("sequence").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(cli.run("--json", "events", "--since", "2025-11-12T13:30:05Z").out()).get("events"))
                .hasSize(3);
        assertThat(JSON.readTree(cli.run("--json", "events", "--since", "5m").out()).get("events")).hasSize(3);
        assertThat(JSON.readTree(cli.run("--json", "events", "--limit", "1").out()).get("events")).hasSize(1);
    }

    @Test
    void a_since_or_limit_it_cannot_read_is_a_usage_error_that_shows_the_forms() {
        var bad = cli.run("events", "--since", "yesterday");

        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("--since takes an event number (42)", "not 'yesterday'");
        assertThat(cli.run("events", "--limit", "0").err()).contains("--limit must be at least 1");
    }

    @Test
    void a_parked_event_is_shown_as_such_and_retried_on_request() throws Exception {
        addAndFailToConnect("broken");
        var id = sql("SELECT event_id FROM mcp_connection_events WHERE seq = 1").strip();
        update("UPDATE mcp_connection_events SET state = 'parked', attempts = 10, last_error = 'bus down',"
                + " settled_at = '2025-11-12 13:30:06.000000' WHERE seq = 1");

        assertThat(cli.run("events").out()).contains("PARKED after 10 attempts: bus down (mcpconn events retry " + id + ")");
        var retried = cli.run("events", "retry", id);
        assertThat(retried.code()).as(retried.toString()).isZero();
        assertThat(sql("SELECT state || ' ' || attempts FROM mcp_connection_events WHERE seq = 1")).isEqualTo("pending 0\n");

        var again = cli.run("events", "retry", id);
        assertThat(again.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(again.err()).contains("no parked event " + id + " in namespace team-a");
        assertThat(cli.run("events", "retry", "not-an-id").err()).contains("is not a UUID");
    }

    @Test
    void follow_prints_each_new_event_on_a_line_of_its_own_until_interrupted() throws Exception {
        addAndFailToConnect("first");
        var result = new AtomicReference<Cli.Result>();
        var follower = new Thread(() -> result.set(cli.run("--json", "events", "--follow")));
        follower.start();
        Thread.sleep(1500);
        var added = cli.run("connections", "add", "second", "--url", "http://127.0.0.1:1/mcp", "--retries", "0");
        assertThat(added.code()).as(added.toString()).isZero();
        Thread.sleep(1500);
        follower.interrupt();
        follower.join(10_000);

        assertThat(follower.isAlive()).isFalse();
        var lines = result.get().out().strip().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(JSON.readTree(lines[3]).get("server_name").asText()).isEqualTo("second");
        assertThat(JSON.readTree(lines[3]).get("sequence").asLong()).isEqualTo(4);
    }
}
