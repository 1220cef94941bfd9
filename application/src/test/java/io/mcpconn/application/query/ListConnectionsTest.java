package io.mcpconn.application.query;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static io.mcpconn.application.fixtures.Instance.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.connection.ConnectionView;
import io.mcpconn.application.connection.ConnectionView.Where;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnectionNotFoundException;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.fixtures.Tools;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListConnectionsTest {

    private final Instance instance = new Instance("instance-a", FakeMcpClient.offering(Tools.echo()));

    @AfterEach
    void close() {
        instance.close();
    }

    private Where where(String server) {
        return instance.query.get(NAMESPACE, ConnectionRef.named(server)).session().where();
    }

    @Test
    void each_view_says_where_the_live_session_is() {
        instance.registered("idle", 0);
        instance.registered("mine", 0);
        instance.registered("theirs", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("mine")));
        var other = instance.sibling("instance-b", FakeMcpClient.offering(Tools.echo()));
        other.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("theirs")));

        assertThat(where("idle")).isEqualTo(Where.NONE);
        assertThat(where("mine")).isEqualTo(Where.HERE);
        assertThat(where("theirs")).isEqualTo(Where.ELSEWHERE);

        other.close();
        instance.clock.advance(Instance.LEASE.plusSeconds(1));
        assertThat(where("theirs")).isEqualTo(Where.STALE);
        assertThat(where("mine")).as("this instance's own session stays here").isEqualTo(Where.HERE);
    }

    @Test
    void lists_are_paged_and_filtered_by_owner_or_status_within_the_namespace() {
        instance.registered("a", 0);
        instance.registered("b", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("b")));
        instance.register.handle(new io.mcpconn.application.registration.RegisterConnectionCommand(NAMESPACE,
                AgentId.of("someone-else"), io.mcpconn.domain.connection.ServerName.of("c"),
                io.mcpconn.domain.config.ConnectionConfig.http("http://localhost:1/mcp")));

        var firstPage = instance.query.list(new ListConnectionsQuery(NAMESPACE, Optional.empty(), Optional.empty(),
                PageRequest.first(2)));
        assertThat(firstPage.items()).extracting(ListConnectionsTest::name).containsExactly("c", "b");
        var secondPage = instance.query.list(new ListConnectionsQuery(NAMESPACE, Optional.empty(), Optional.empty(),
                PageRequest.after(firstPage.next().orElseThrow(), 2)));
        assertThat(secondPage.items()).extracting(ListConnectionsTest::name).containsExactly("a");

        assertThat(instance.query.list(new ListConnectionsQuery(NAMESPACE, Optional.of(OWNER), Optional.empty(),
                PageRequest.first(10))).items()).extracting(ListConnectionsTest::name).containsExactly("b", "a");
        assertThat(instance.query.list(new ListConnectionsQuery(NAMESPACE, Optional.empty(),
                Optional.of(ConnectionStatus.ACTIVE), PageRequest.first(10))).items())
                .extracting(ListConnectionsTest::name).containsExactly("b");
        assertThat(instance.query.list(ListConnectionsQuery.all(Namespace.of("elsewhere"))).items()).isEmpty();
        assertThatThrownBy(() -> instance.query.get(Namespace.of("elsewhere"), ConnectionRef.named("a")))
                .isInstanceOf(McpConnectionNotFoundException.class);
        assertThatThrownBy(() -> new ListConnectionsQuery(NAMESPACE, Optional.of(OWNER),
                Optional.of(ConnectionStatus.ACTIVE), PageRequest.first(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String name(ConnectionView view) {
        return view.connection().serverName().value();
    }
}
