package io.mcpconn.benchmarks;

import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.floor.FloorSql;
import io.mcpconn.benchmarks.floor.SqliteConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the benchmarks aim at in a data set, drawn from its seed so that the floor and the adapter
 * get exactly the same: rows to read, namespaces and agents to list, and positions near the end
 * of their lists for deep pages. Reads cycle over thousands of rows, so they are not served from a
 * handful of hot pages.
 *
 * @param reads          rows to read by id
 * @param namespaces     namespaces to list
 * @param agents         (namespace, agent) pairs to list
 * @param deepNamespaces positions near the end of a namespace's list
 * @param deepAgents     positions near the end of an agent's list
 * @param updates        distinct rows to change and save
 * @param template       the row new connections copy their configuration and tools from
 */
public record Targets(List<Row> reads, List<String> namespaces, List<Agent> agents, List<Deep> deepNamespaces,
        List<Deep> deepAgents, List<Row> updates, Row template) {

    private static final int READS = 4096;
    private static final int LISTS = 1024;
    private static final int DEEP = 256;
    private static final int UPDATES = 1024;

    /** One row. */
    public record Row(String namespace, String id) {
    }

    /** One agent of a namespace. */
    public record Agent(String namespace, String agent) {
    }

    /**
     * The page after ({@code position}, {@code id}) of a namespace's or agent's list.
     *
     * @param agent {@code null} for a namespace's list
     */
    public record Deep(String namespace, String agent, String position, String id) {
    }

    /**
     * The targets in {@code spec}'s data set, stored in {@code file}, with deep-page positions for
     * pages of {@code pageSize}; none if it is 0.
     */
    public static Targets of(DatasetSpec spec, Path file, int pageSize) {
        SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        List<Row> reads = new ArrayList<>(READS);
        for (int k = 0; k < READS; k++) {
            reads.add(row(spec, random.nextInt(spec.rows())));
        }
        List<String> namespaces = new ArrayList<>(LISTS);
        List<Agent> agents = new ArrayList<>(LISTS);
        for (int k = 0; k < LISTS; k++) {
            namespaces.add(spec.namespace(random.nextInt(spec.rows())));
            int i = random.nextInt(spec.rows());
            agents.add(new Agent(spec.namespace(i), spec.agent(i)));
        }
        Set<Integer> chosen = new HashSet<>();
        List<Row> updates = new ArrayList<>();
        // Distinct rows: two copies of one row would make each other's saves stale.
        while (updates.size() < Math.min(UPDATES, spec.rows() / 4 + 1)) {
            int i = random.nextInt(spec.rows());
            if (chosen.add(i)) {
                updates.add(row(spec, i));
            }
        }
        try (Connection reader = SqliteConnections.reader(file)) {
            List<Deep> deepNamespaces = new ArrayList<>(DEEP);
            List<Deep> deepAgents = new ArrayList<>(DEEP);
            for (int k = 0; pageSize > 0 && k < DEEP; k++) {
                deepNamespaces.add(nearEnd(reader, namespaces.get(k), null, pageSize));
                deepAgents.add(nearEnd(reader, agents.get(k).namespace(), agents.get(k).agent(), pageSize));
            }
            return new Targets(reads, namespaces, agents, deepNamespaces, deepAgents, updates, row(spec, 0));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find deep-page positions in " + file, e);
        }
    }

    private static Row row(DatasetSpec spec, int i) {
        return new Row(spec.namespace(i), spec.id(i));
    }

    /** The row after which one page of {@code pageSize} reaches the end of the list (or the first row of a shorter list). */
    private static Deep nearEnd(Connection reader, String namespace, String agent, int pageSize) throws SQLException {
        String filter = " FROM mcp_connections WHERE namespace = ?" + (agent == null ? "" : " AND agent_id = ?");
        int count;
        try (PreparedStatement statement = reader.prepareStatement("SELECT count(*)" + filter)) {
            bind(statement, namespace, agent);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                count = result.getInt(1);
            }
        }
        try (PreparedStatement statement = reader.prepareStatement("SELECT " + FloorSql.SORT_KEY + ", id" + filter
                + " ORDER BY " + FloorSql.SORT_KEY + " DESC, id DESC LIMIT 1 OFFSET " + Math.max(0, count - pageSize - 1))) {
            bind(statement, namespace, agent);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("no connections in " + namespace + (agent == null ? "" : " of " + agent));
                }
                return new Deep(namespace, agent, result.getString(1), result.getString(2));
            }
        }
    }

    private static void bind(PreparedStatement statement, String namespace, String agent) throws SQLException {
        statement.setString(1, namespace);
        if (agent != null) {
            statement.setString(2, agent);
        }
    }
}
