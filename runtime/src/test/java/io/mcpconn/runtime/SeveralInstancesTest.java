package io.mcpconn.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionView.Where;
import io.mcpconn.application.connection.SessionHeldElsewhereException;
import io.mcpconn.application.disconnect.DisconnectCommand;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.servers.Commands;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtime instances on one SQLite file, one of them a separate process that is killed: its
 * session is not reset while it lives, and is recovered by the other once its lease expires.
 */
class SeveralInstancesTest {

    private static final Namespace TEAM = Namespace.of("team-a");
    private static final ConnectionRef EVERYTHING = ConnectionRef.named("everything");
    private static final long LEASE_MILLIS = 2000;

    @TempDir
    Path directory;

    @Test
    void a_session_left_by_a_killed_process_is_recovered_and_not_before_its_lease_expires() throws Exception {
        var database = directory.resolve("shared.db");
        try (var mcp = Mcpconn.sqlite(database).instanceId(InstanceId.of("survivor")).start()) {
            mcp.register().handle(new RegisterConnectionCommand(TEAM, AgentId.of("agent-7"), ServerName.of("everything"),
                    McpconnTest.stdioEverything()));
        }
        var holder = startHolder(database);
        try (var mcp = Mcpconn.sqlite(database).instanceId(InstanceId.of("survivor")).start()) {
            var held = mcp.connections().get(TEAM, EVERYTHING);
            assertThat(held.connection().status()).isEqualTo(ConnectionStatus.ACTIVE);
            assertThat(held.session().where()).isEqualTo(Where.ELSEWHERE);
            assertThat(held.session().lease().orElseThrow().holder().value()).isEqualTo("doomed");

            // While the holder lives and renews its lease, nothing here takes or resets its session.
            Thread.sleep(LEASE_MILLIS + 500);
            assertThatThrownBy(() -> mcp.connect().handle(new ConnectCommand(TEAM, EVERYTHING)))
                    .isInstanceOf(SessionHeldElsewhereException.class).hasMessageContaining("doomed");
            assertThatThrownBy(() -> mcp.disconnect().handle(DisconnectCommand.requested(TEAM, EVERYTHING)))
                    .isInstanceOf(SessionHeldElsewhereException.class);

            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(mcp.connections().get(TEAM, EVERYTHING).session().where())
                    .as("the lease has not expired yet").isEqualTo(Where.ELSEWHERE);
            Thread.sleep(LEASE_MILLIS + 200);
            assertThat(mcp.connections().get(TEAM, EVERYTHING).session().where()).isEqualTo(Where.STALE);

            var recovered = mcp.connect().handle(new ConnectCommand(TEAM, EVERYTHING));

            assertThat(recovered.recoveredSession()).isTrue();
            assertThat(recovered.connection().session().where()).isEqualTo(Where.HERE);
            assertThat(recovered.connection().session().lease().orElseThrow().holder().value()).isEqualTo("survivor");
        } finally {
            holder.destroyForcibly();
        }
    }

    private static Process startHolder(Path database) throws Exception {
        List<String> command = new ArrayList<>(Commands.java(SessionHolder.class.getName(), database.toString(),
                TEAM.value(), "everything", "doomed", Long.toString(LEASE_MILLIS)));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var output = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            output.append(line).append('\n');
            if (line.equals("HOLDING")) {
                return process;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the holding process did not connect:\n" + output);
    }
}
