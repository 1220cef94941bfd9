package io.mcpconn.runtime.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.application.tool.CallToolCommand;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.database.PostgresLocation;
import io.mcpconn.runtime.Mcpconn;
import io.mcpconn.runtime.McpconnBuilder;
import io.mcpconn.testkit.attack.AttackValues;
import io.mcpconn.testkit.attack.InjectionAttackContract;
import io.mcpconn.testkit.attack.RawTables;
import io.mcpconn.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool-call arguments holding quotes, {@code ;}, {@code --}, NUL, emoji, right-to-left marks, lone
 * surrogates and 10 KB strings (the injection payloads of the test kit, as keys and values, plus
 * seeded combinations), through {@link Mcpconn#callTool()} on every adapter: each call either is
 * refused with a message saying what is wrong, or reaches the MCP client with exactly the arguments
 * given; the stored rows and the schema are the same afterwards.
 */
class ToolCallInjectionAttackTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Namespace TEAM = Namespace.of("team-a");
    private static final ConnectionRef ECHO = ConnectionRef.named("echo-server");

    @TempDir
    Path directory;

    @Test
    void in_memory() throws Exception {
        attack("in-memory", Mcpconn.inMemory(), null, null);
    }

    @Test
    void sqlite() throws Exception {
        var file = directory.resolve("injection.db");
        attack("sqlite", Mcpconn.sqlite(file).secrets(SecretsAtRest.sealed(SecretKeyRing.parse(KEY, "test"), "test")),
                () -> DriverManager.getConnection("jdbc:sqlite:" + file),
                "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
    }

    @Test
    void postgresql() throws Exception {
        var server = PostgresServer.shared();
        var database = server.createDatabase("tool_call_injection");
        var options = PostgresDatabaseOptions.of(PostgresLocation.parse(server.jdbcUrl(database)))
                .withUser(server.user()).withPassword(server.password()).withPoolSize(4);
        attack("postgresql", Mcpconn.postgres(options).secrets(SecretsAtRest.sealed(SecretKeyRing.parse(KEY, "test"),
                "test")), () -> DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password()),
                "SELECT table_name, column_name, ordinal_position, data_type, character_maximum_length, is_nullable,"
                        + " column_default FROM information_schema.columns WHERE table_schema = 'public'"
                        + " UNION ALL SELECT tablename, indexname, 0, indexdef, NULL, NULL, NULL FROM pg_indexes"
                        + " WHERE schemaname = 'public' ORDER BY 1, 2, 3");
    }

    private interface RawConnection {
        Connection open() throws SQLException;
    }

    private void attack(String adapter, McpconnBuilder builder, RawConnection raw, String schemaQuery) throws Exception {
        long started = System.nanoTime();
        var values = AttackValues.seeded("tool-call-injection");
        var client = new RecordingMcpClient();
        var failures = new ArrayList<String>();
        int delivered = 0;
        int refused = 0;
        var payloads = new ArrayList<>(InjectionAttackContract.PAYLOADS);
        for (int i = 0; i < 150; i++) {
            var out = new StringBuilder();
            for (int part = 1 + values.random().nextInt(4); part > 0; part--) {
                var piece = values.pick(InjectionAttackContract.PAYLOADS);
                out.append(piece.length() > 100 ? piece.substring(0, 1 + values.random().nextInt(100)) : piece);
            }
            payloads.add(out.toString());
        }
        try (var mcp = builder.mcpClient(client).start(); var sql = raw == null ? null : raw.open()) {
            mcp.register().handle(new RegisterConnectionCommand(TEAM, AgentId.of("agent-1"), ServerName.of("echo-server"),
                    ConnectionConfig.http("http://localhost:8080/mcp")));
            mcp.connect().handle(new ConnectCommand(TEAM, ECHO));
            var schemaBefore = sql == null ? List.<String>of() : RawTables.query(sql, schemaQuery);
            var rowsBefore = sql == null ? List.<String>of() : RawTables.query(sql, "SELECT * FROM mcp_connections");
            for (int i = 0; i < payloads.size(); i++) {
                var payload = payloads.get(i);
                var members = new LinkedHashMap<String, JsonValue>();
                members.put("message", JsonValue.string(payload));
                members.put(payload.isEmpty() ? "empty" : payload, new JsonValue.JsonArray(List.of(JsonValue.string(payload),
                        JsonValue.object(java.util.Map.of(payload, JsonValue.string(payload))))));
                var arguments = JsonValue.object(members);
                int before = client.calls().size();
                try {
                    var result = mcp.callTool().handle(new CallToolCommand(TEAM, ECHO, "echo", arguments));
                    delivered++;
                    var received = client.calls().subList(before, client.calls().size());
                    if (received.size() != 1 || !received.get(0).tool().equals("echo")
                            || !received.get(0).arguments().equals(arguments)
                            || !received.get(0).arguments().toString().equals(arguments.toString())
                            || !result.text().equals(JsonValue.string(payload).toString())) {
                        failures.add("case " + i + " \"" + AttackValues.escaped(shown(payload)) + "\": the client got "
                                + AttackValues.escaped(String.valueOf(received)));
                    }
                } catch (RuntimeException e) {
                    refused++;
                    var message = String.valueOf(e.getMessage());
                    if (client.calls().size() != before || !(message.contains("must") || message.contains("echo"))) {
                        failures.add("case " + i + " \"" + AttackValues.escaped(shown(payload)) + "\": refused with "
                                + AttackValues.escaped(e.toString()));
                    }
                }
            }
            if (sql != null) {
                assertThat(RawTables.query(sql, schemaQuery)).as("schema on %s", adapter).isEqualTo(schemaBefore);
                assertThat(RawTables.query(sql, "SELECT * FROM mcp_connections")).as("rows on %s", adapter)
                        .isEqualTo(rowsBefore);
            }
        }
        System.out.printf(Locale.ROOT, "injection adapter=%s field=toolCallArguments cases=%d delivered-exactly=%d"
                + " refused=%d failures=%d time=%dms%n", adapter, payloads.size(), delivered, refused, failures.size(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(failures).as("tool-call arguments on %s %s", adapter, values.reproduce()).isEmpty();
    }

    private static String shown(String payload) {
        return payload.length() > 60 ? payload.substring(0, 60) + "…(" + payload.length() + " chars)" : payload;
    }
}
