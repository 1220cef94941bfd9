package io.mcpconn.application.transfer;

import static io.mcpconn.application.fixtures.Instance.NAMESPACE;
import static io.mcpconn.application.fixtures.Instance.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.fixtures.FakeMcpClient;
import io.mcpconn.application.fixtures.Instance;
import io.mcpconn.application.transfer.ImportReport.Action;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.testkit.fixtures.Tools;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImportExportTest {

    private static final ConnectionConfig FILES = ConnectionConfig.stdio("npx", "-y", "@modelcontextprotocol/server-filesystem");
    private static final ConnectionConfig REMOTE = ConnectionConfig.http("https://mcp.example.com/mcp");

    private final Instance instance = new Instance("instance-a", FakeMcpClient.offering(Tools.echo()));

    @AfterEach
    void close() {
        instance.close();
    }

    private ImportReport importing(boolean update, boolean dryRun, ImportEntry... entries) {
        return instance.importer.handle(new ImportCommand(NAMESPACE, OWNER, List.of(entries), update, dryRun));
    }

    @Test
    void good_entries_import_while_bad_ones_are_reported_by_name() {
        var report = importing(false, false,
                ImportEntry.valid("files", FILES),
                ImportEntry.invalid("broken", "has neither \"command\" nor \"url\""),
                ImportEntry.valid("bad name!", REMOTE),
                ImportEntry.valid("remote", REMOTE),
                ImportEntry.valid("files", REMOTE));

        assertThat(report.lines()).extracting(ImportReport.Line::name, ImportReport.Line::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("files", Action.REGISTERED),
                org.assertj.core.groups.Tuple.tuple("broken", Action.INVALID),
                org.assertj.core.groups.Tuple.tuple("bad name!", Action.FAILED),
                org.assertj.core.groups.Tuple.tuple("remote", Action.REGISTERED),
                org.assertj.core.groups.Tuple.tuple("files", Action.INVALID));
        assertThat(report.lines().get(2).detail()).contains("may only contain letters");
        assertThat(report.hasProblems()).isTrue();
        assertThat(report.count(Action.REGISTERED)).isEqualTo(2);
        assertThat(instance.repository.findByAgent(NAMESPACE, OWNER, PageRequest.first(10)).items()).hasSize(2);
        assertThat(instance.takeEvents()).containsExactly("ConnectionRegistered", "ConnectionRegistered");
    }

    @Test
    void existing_names_are_skipped_or_updated_on_request_and_identical_ones_left_alone() {
        instance.registered("remote", 0);
        importing(false, false, ImportEntry.valid("files", FILES));
        instance.takeEvents();

        var skipped = importing(false, false, ImportEntry.valid("remote", REMOTE), ImportEntry.valid("files", FILES));
        assertThat(skipped.lines()).extracting(ImportReport.Line::action).containsExactly(Action.SKIPPED, Action.UNCHANGED);
        assertThat(instance.takeEvents()).isEmpty();

        assertThat(skipped.hasProblems()).as("skipping is not a problem").isFalse();
        var updated = importing(true, false, ImportEntry.valid("remote", REMOTE));
        assertThat(updated.lines()).extracting(ImportReport.Line::action).containsExactly(Action.UPDATED);
        assertThat(instance.takeEvents()).containsExactly("ConfigurationChanged");
        assertThat(instance.repository.findByServerName(NAMESPACE, ServerName.of("remote")).orElseThrow().config())
                .isEqualTo(REMOTE);
    }

    @Test
    void a_connection_in_use_is_not_updated() {
        instance.registered("remote", 0);
        instance.connect.handle(new ConnectCommand(NAMESPACE, ConnectionRef.named("remote")));

        var report = importing(true, false, ImportEntry.valid("remote", REMOTE));
        assertThat(report.hasProblems()).as("one failed entry is a problem").isTrue();

        assertThat(report.lines()).singleElement().satisfies(line -> {
            assertThat(line.action()).isEqualTo(Action.FAILED);
            assertThat(line.detail()).contains("disconnect it before changing its configuration");
        });
    }

    @Test
    void a_dry_run_decides_the_same_and_writes_nothing() {
        instance.registered("remote", 0);
        var before = instance.repository.findByServerName(NAMESPACE, ServerName.of("remote")).orElseThrow().version();

        var report = importing(true, true, ImportEntry.valid("files", FILES), ImportEntry.valid("remote", REMOTE));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.lines()).extracting(ImportReport.Line::action).containsExactly(Action.REGISTERED, Action.UPDATED);
        assertThat(instance.repository.findByServerName(NAMESPACE, ServerName.of("files"))).isEmpty();
        assertThat(instance.repository.findByServerName(NAMESPACE, ServerName.of("remote")).orElseThrow().version())
                .isEqualTo(before);
        assertThat(instance.published).isEmpty();
    }

    @Test
    void export_gives_every_server_by_name_across_pages_or_one_agents_only() {
        for (int i = 0; i < 1005; i++) {
            instance.registered(String.format("server-%04d", i), 0);
        }
        instance.register.handle(new io.mcpconn.application.registration.RegisterConnectionCommand(NAMESPACE,
                AgentId.of("other"), ServerName.of("zz-other"), FILES));

        var export = instance.exporter.handle(NAMESPACE, Optional.empty());
        assertThat(export.unreadable()).isEmpty();
        var all = export.servers();
        assertThat(all).hasSize(1006);
        assertThat(all.get(0).name().value()).isEqualTo("server-0000");
        assertThat(all.get(1005).name().value()).isEqualTo("zz-other");
        assertThat(instance.exporter.handle(NAMESPACE, Optional.of(AgentId.of("other"))).servers())
                .extracting(server -> server.name().value()).containsExactly("zz-other");
    }

    @Test
    void entries_have_a_configuration_or_a_problem() {
        assertThatThrownBy(() -> new ImportEntry("x", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
