package io.mcpconn.cli;

import io.mcpconn.domain.connection.McpConnectionEvent;
import io.mcpconn.domain.connection.McpConnectionEvent.ConfigurationChanged;
import io.mcpconn.domain.connection.McpConnectionEvent.Connected;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionFailed;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRegistered;
import io.mcpconn.domain.connection.McpConnectionEvent.ConnectionRemoved;
import io.mcpconn.domain.connection.McpConnectionEvent.Disconnected;
import io.mcpconn.domain.connection.McpConnectionEvent.ToolsChanged;
import io.mcpconn.domain.event.EventId;
import io.mcpconn.domain.event.OutboxEntry;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.connection.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code mcpconn events}: the events stored with each change to a namespace's connections, and how
 * their delivery to the runtime's listeners stands; {@code --follow} keeps printing new ones.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Show the events stored with each change to the namespace's connections, oldest first,"
                + " and whether the runtime's listeners have them (pending, delivered, parked).",
                "With --json: one document; with --follow --json: one JSON object per line, per event."})
final class EventsCommand implements Runnable {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);
    private static final int FOLLOW_PAGE = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--namespace", scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
            description = "The tenant (default: $MCPCONN_NAMESPACE, else 'default').")
    String namespace;

    @Option(names = "--since", paramLabel = "N|TIME|AGO",
            description = "Only events after event number N, at or after an ISO-8601 time (2026-12-03T10:00:00Z),"
                    + " or at most AGO old (30s, 15m, 2h, 7d).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N events (default: ${DEFAULT-VALUE}; --follow prints every new one).")
    int limit;

    @Option(names = "--follow", description = "Keep printing new events until interrupted (Ctrl-C).")
    boolean follow;

    final McpconnCommand top;

    EventsCommand(McpconnCommand top) {
        this.top = top;
    }

    private Output output() {
        return top.output(spec.commandLine());
    }

    private Namespace namespace() {
        return Namespace.of(namespace != null ? namespace : top.environment("MCPCONN_NAMESPACE").orElse("default"));
    }

    @Override
    public void run() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        var from = since();
        var output = output();
        var ns = namespace();
        ConnectionsCommand.open(top, output, mcp -> {
            var outbox = mcp.events();
            var entries = outbox.entries(ns, from.after, from.at, follow ? FOLLOW_PAGE : limit);
            if (!follow) {
                print(output, entries, false);
                if (entries.isEmpty()) {
                    output.line("no events in namespace " + ns + (since == null ? "" : " since " + since));
                }
                var document = new LinkedHashMap<String, Object>();
                document.put("command", "events");
                document.put("database", top.location().shown());
                document.put("namespace", ns.value());
                document.put("events", entries.stream().map(EventsCommand::json).toList());
                output.document(document);
                return null;
            }
            long last = from.after;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    print(output, entries, true);
                    if (!entries.isEmpty()) {
                        last = entries.get(entries.size() - 1).event().sequence();
                    }
                    Thread.sleep(FOLLOW_POLL.toMillis());
                    entries = outbox.entries(ns, last, from.at, FOLLOW_PAGE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Deliver a parked event again (its attempts start afresh).")
    int retry(@Parameters(paramLabel = "EVENT_ID", description = "The parked event's id, as 'mcpconn events' shows it.")
              String id) {
        var eventId = EventId.parse(id);
        var ns = namespace();
        var output = output();
        boolean retried = ConnectionsCommand.open(top, output, mcp -> mcp.events().retryParked(ns, eventId, top.clock().instant()));
        var document = new LinkedHashMap<String, Object>();
        document.put("command", "events retry");
        document.put("event_id", eventId.toString());
        document.put("retried", retried);
        if (!retried) {
            output.error("not parked", "no parked event " + eventId + " in namespace " + ns
                    + "; list them with: mcpconn events");
            return ExitCode.REFUSED;
        }
        output.line("event " + eventId + " is pending again; a runtime that listens delivers it within a second");
        output.document(document);
        return ExitCode.OK;
    }

    private void print(Output output, List<OutboxEntry> entries, boolean lines) {
        if (output.json()) {
            if (lines) {
                entries.forEach(entry -> output.jsonLine(json(entry)));
            }
            return;
        }
        var rows = new ArrayList<List<String>>();
        if (!lines) {
            rows.add(Output.row("#", "OCCURRED", "SERVER", "EVENT", "DELIVERY"));
        }
        entries.forEach(entry -> rows.add(Output.row(Long.toString(entry.event().sequence()),
                entry.event().event().occurredAt().toString(), entry.event().event().serverName().value(),
                describe(entry.event().event()), delivery(entry))));
        if (!rows.isEmpty()) {
            output.table(rows);
        }
    }

    static String describe(McpConnectionEvent event) {
        var kind = EventJson.type(event);
        if (event instanceof ConnectionRegistered registered) {
            return kind + " for " + registered.owner();
        } else if (event instanceof Connected connected) {
            return kind + " (" + connected.toolCount() + " tools)";
        } else if (event instanceof ConnectionFailed failed) {
            return kind + " while " + failed.previousStatus().storageName() + ": " + failed.error();
        } else if (event instanceof Disconnected disconnected) {
            return kind + (disconnected.graceful() ? "" : " (dropped)") + ": " + disconnected.reason();
        } else if (event instanceof ConfigurationChanged changed) {
            return kind + (changed.transportChanged() ? " (transport)" : "") + (changed.authenticationChanged()
                    ? " (authentication)" : "");
        } else if (event instanceof ConnectionRemoved removed) {
            return kind + " by " + removed.by();
        } else if (event instanceof ToolsChanged tools) {
            return kind + ": +" + tools.changes().added().size() + " -" + tools.changes().removed().size()
                    + " ~" + tools.changes().changed().size();
        }
        return kind;
    }

    private static String delivery(OutboxEntry entry) {
        return switch (entry.state()) {
            case DELIVERED -> "delivered" + (entry.handedOut() > 1 ? " (handed out " + entry.handedOut() + " times)" : "");
            case PARKED -> "PARKED after " + entry.attempts() + " attempts: " + entry.lastError().orElse("")
                    + " (mcpconn events retry " + entry.event().id() + ")";
            case PENDING -> entry.attempts() == 0 ? "pending"
                    : "pending, attempt " + entry.attempts() + " failed: " + entry.lastError().orElse("")
                    + entry.nextAttemptAt().map(at -> "; next at " + at).orElse("");
        };
    }

    static Map<String, Object> json(OutboxEntry entry) {
        var event = entry.event().event();
        var json = new LinkedHashMap<String, Object>();
        json.put("sequence", entry.event().sequence());
        json.put("event_id", entry.event().id().toString());
        json.put("type", EventJson.type(event));
        json.put("connection_id", event.connectionId().value());
        json.put("namespace", event.namespace().value());
        json.put("server_name", event.serverName().value());
        json.put("occurred_at", event.occurredAt().toString());
        json.put("description", describe(event));
        json.put("delivery", entry.state().name().toLowerCase(Locale.ROOT));
        json.put("attempts", entry.attempts());
        json.put("handed_out", entry.handedOut());
        json.put("last_error", entry.lastError().orElse(null));
        json.put("settled_at", entry.settledAt().map(Instant::toString).orElse(null));
        return json;
    }

    private record Since(long after, Optional<Instant> at) {
    }

    private Since since() {
        if (since == null) {
            return new Since(0, Optional.empty());
        }
        var text = since.strip();
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 19) {
            return new Since(Long.parseLong(text), Optional.empty());
        }
        var ago = AGO.matcher(text.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            var unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new Since(0, Optional.of(top.clock().instant().minus(unit)));
        }
        try {
            return new Since(0, Optional.of(Instant.parse(text)));
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since takes an event number (42), an"
                    + " ISO-8601 time (2026-12-03T10:00:00Z) or an age (30s, 15m, 2h, 7d), not '" + text + "'");
        }
    }
}
