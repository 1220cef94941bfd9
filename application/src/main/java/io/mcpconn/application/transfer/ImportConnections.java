package io.mcpconn.application.transfer;

import io.mcpconn.application.connection.ConnectionStore;
import io.mcpconn.application.transfer.ImportReport.Action;
import io.mcpconn.application.transfer.ImportReport.Line;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.shared.DomainException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;

/**
 * Use case: register every server of an MCP client's configuration file (desktop {@code mcpServers},
 * editor {@code servers}) for an agent. Each entry is decided on its own: new names are registered,
 * existing ones are skipped or, on request, reconfigured (only while not in use), and an invalid or
 * failing entry is reported with its name while the others still import. A dry run decides the
 * same way and writes nothing.
 */
public final class ImportConnections {

    private final ConnectionStore store;
    private final Clock clock;

    public ImportConnections(ConnectionStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Imports the entries; never throws for one entry's sake. */
    public ImportReport handle(ImportCommand command) {
        var lines = new ArrayList<Line>();
        var seen = new HashSet<String>();
        for (var entry : command.entries()) {
            if (!seen.add(entry.name())) {
                lines.add(new Line(entry.name(), Action.INVALID, "the file lists this name more than once; only the"
                        + " first entry is imported"));
                continue;
            }
            if (entry.problem().isPresent()) {
                lines.add(new Line(entry.name(), Action.INVALID, entry.problem().get()));
                continue;
            }
            try {
                lines.add(importOne(command, ServerName.of(entry.name()), entry.config().orElseThrow()));
            } catch (DomainException e) {
                lines.add(new Line(entry.name(), Action.FAILED, e.getMessage()));
            }
        }
        return new ImportReport(lines, command.dryRun());
    }

    private Line importOne(ImportCommand command, ServerName name, ConnectionConfig config) {
        var existing = store.repository().findByServerName(command.namespace(), name);
        if (existing.isEmpty()) {
            if (!command.dryRun()) {
                store.save(McpConnection.register(name, command.namespace(), command.owner(), config, clock.instant()));
            }
            return new Line(name.value(), Action.REGISTERED, "");
        }
        var connection = existing.get();
        if (connection.config().equals(config)) {
            return new Line(name.value(), Action.UNCHANGED, "already registered with this configuration");
        }
        if (!command.updateExisting()) {
            return new Line(name.value(), Action.SKIPPED, "already registered with another configuration;"
                    + " import with updating asked for to replace it");
        }
        connection.reconfigure(config, clock.instant());
        if (!command.dryRun()) {
            store.save(connection);
        }
        return new Line(name.value(), Action.UPDATED, "configuration replaced");
    }
}
