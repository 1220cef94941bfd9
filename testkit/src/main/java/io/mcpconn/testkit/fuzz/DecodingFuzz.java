package io.mcpconn.testkit.fuzz;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Saves connections through an adapter, overwrites their columns behind its back with what
 * {@link StoredRowFuzz} generates, and reads them back through every finder and listing. The only
 * failure an adapter may report is its own: {@link UnreadableConnectionException} naming the row
 * (from a finder) or the row listed in {@link Page#unreadable()} (from a listing). A row left as the
 * adapter wrote it must read back as it was saved.
 */
public final class DecodingFuzz {

    /** Overwrites columns of the row {@code id}: a null value stores SQL NULL. */
    @FunctionalInterface
    public interface ColumnWriter {
        /** Returns false if the database refused the values (its column types forbid them). */
        boolean write(String id, Map<String, String> columns) throws Exception;
    }

    /** What a run saw. */
    public record Figures(String adapter, long seed, int cases, int readable, int unreadable, int refused,
                          List<String> escaped) {
        public String line() {
            return "decoding-fuzz adapter=" + adapter + " seed=" + seed + " cases=" + cases + " readable=" + readable
                    + " unreadable-reported=" + unreadable + " refused-by-column-type=" + refused
                    + " escaped=" + escaped.size();
        }
    }

    private static final AgentId OTHER_AGENT = AgentId.of("fuzz-agent-2");
    private static final int BATCH = 25;

    private DecodingFuzz() {
    }

    public static Figures run(String adapter, McpConnectionRepository repository, ColumnWriter writer, long seed,
                              int cases, boolean jsonOnly) {
        var fuzz = new StoredRowFuzz(seed);
        var clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
        var escaped = new ArrayList<String>();
        int readable = 0;
        int unreadable = 0;
        int refused = 0;
        int done = 0;
        for (int batch = 0; done < cases; batch++) {
            var namespace = Namespace.of("fuzz-" + seed + "-" + batch);
            var readableIds = new HashSet<String>();
            var unreadableIds = new HashSet<String>();
            var byStatus = new HashMap<ConnectionStatus, Set<String>>();
            for (int i = 0; i < BATCH && done < cases; i++, done++) {
                var status = ConnectionStatus.values()[fuzz.random().nextInt(ConnectionStatus.values().length)];
                var owner = fuzz.random().nextBoolean() ? McpConnections.AGENT : OTHER_AGENT;
                McpConnection saved = McpConnections.in(status, namespace, owner, "fuzz-" + done, clock);
                repository.save(saved);
                var columns = new LinkedHashMap<String, String>();
                // Each column is left alone two times in three, so that a row often breaks in one place only.
                var random = fuzz.random();
                put(columns, "config_json", fuzz.configJson(jsonOnly), random.nextInt(3) == 0);
                put(columns, "tools_json", fuzz.toolsJson(jsonOnly), random.nextInt(3) == 0);
                put(columns, "created_at", fuzz.timestamp(jsonOnly, false), random.nextInt(3) == 0);
                put(columns, "updated_at", fuzz.timestamp(jsonOnly, true), random.nextInt(3) == 0);
                put(columns, "connected_at", fuzz.timestamp(jsonOnly, true), random.nextInt(3) == 0);
                put(columns, "disconnected_at", fuzz.timestamp(jsonOnly, true), random.nextInt(3) == 0);
                String id = saved.id().value();
                String where = "case " + done + " (" + describe(columns) + ")";
                try {
                    if (!writer.write(id, columns)) {
                        refused++;
                        columns.clear();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not store " + where, e);
                }
                boolean intact = columns.isEmpty();
                try {
                    var found = repository.findById(namespace, saved.id()).orElseThrow();
                    if (intact && !sameAs(found, saved)) {
                        escaped.add(where + ": an untouched row read back as " + found.snapshot());
                    }
                    var byName = repository.findByServerName(namespace, saved.serverName()).orElseThrow();
                    if (!byName.id().equals(saved.id())) {
                        escaped.add(where + ": findByServerName found " + byName.id());
                    }
                    readable++;
                    readableIds.add(id);
                } catch (UnreadableConnectionException e) {
                    if (intact || !e.unreadable().storedId().equals(id)) {
                        escaped.add(where + ": " + e);
                    }
                    unreadable++;
                    unreadableIds.add(id);
                } catch (Throwable e) {
                    escaped.add(where + ": escaped " + e.getClass().getName() + ": " + shorten(String.valueOf(e.getMessage())));
                }
                byStatus.computeIfAbsent(status, s -> new HashSet<>()).add(id);
            }
            var all = new HashSet<String>(readableIds);
            all.addAll(unreadableIds);
            checkListing("findAll", request -> repository.findAll(namespace, request), all, readableIds, unreadableIds,
                    escaped);
            checkListing("findByAgent", request -> repository.findByAgent(namespace, McpConnections.AGENT, request),
                    null, readableIds, unreadableIds, escaped);
            for (var entry : byStatus.entrySet()) {
                checkListing("findByStatus " + entry.getKey(),
                        request -> repository.findByStatus(namespace, entry.getKey(), request), entry.getValue(),
                        readableIds, unreadableIds, escaped);
            }
        }
        return new Figures(adapter, seed, cases, readable, unreadable, refused, escaped);
    }

    private static void checkListing(String name, Function<PageRequest, Page<McpConnection>> listing,
                                     Set<String> expected, Set<String> readable, Set<String> unreadable,
                                     List<String> escaped) {
        var seen = new HashSet<String>();
        try {
            var page = listing.apply(PageRequest.first(7));
            for (int pages = 0; pages < 1000; pages++) {
                for (var item : page.items()) {
                    String id = item.id().value();
                    if (!seen.add(id) || !readable.contains(id)) {
                        escaped.add(name + ": listed " + id + " twice or as readable though findById could not read it");
                    }
                }
                for (var row : page.unreadable()) {
                    if (!seen.add(row.storedId()) || !unreadable.contains(row.storedId())) {
                        escaped.add(name + ": reported " + row.storedId() + " twice or though findById read it");
                    }
                }
                if (page.next().isEmpty()) {
                    break;
                }
                page = listing.apply(PageRequest.after(page.next().get(), 7));
            }
        } catch (Throwable e) {
            escaped.add(name + ": escaped " + e.getClass().getName() + ": " + shorten(String.valueOf(e.getMessage())));
            return;
        }
        if (expected != null) {
            var all = new HashSet<>(expected);
            // A row whose every time is unreadable may still be listed; one findById could not see is a failure.
            all.removeIf(id -> !readable.contains(id) && !unreadable.contains(id));
            if (!seen.containsAll(all)) {
                var missing = new HashSet<>(all);
                missing.removeAll(seen);
                escaped.add(name + ": never listed " + missing);
            }
        }
    }

    private static boolean sameAs(McpConnection found, McpConnection saved) {
        return found.config().equals(saved.config()) && found.tools().equals(saved.tools())
                && found.status() == saved.status() && found.createdAt().equals(saved.createdAt())
                && found.connectedAt().equals(saved.connectedAt())
                && found.disconnectedAt().equals(saved.disconnectedAt());
    }

    private static void put(Map<String, String> columns, String column, StoredRowFuzz.Value value, boolean fuzzed) {
        if (fuzzed && !value.intact()) {
            columns.put(column, value.text());
        }
    }

    private static String describe(Map<String, String> columns) {
        var text = new StringBuilder();
        columns.forEach((column, value) -> text.append(column).append('=')
                .append(value == null ? "NULL" : "'" + shorten(value) + "'").append(' '));
        return text.toString().trim();
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
    }
}
