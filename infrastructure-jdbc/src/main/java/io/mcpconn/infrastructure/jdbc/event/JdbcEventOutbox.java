package io.mcpconn.infrastructure.jdbc.event;

import static io.mcpconn.infrastructure.jdbc.connection.EventRows.TABLE;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.event.DeliveryState;
import io.mcpconn.domain.event.EventId;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.domain.event.FailedDelivery;
import io.mcpconn.domain.event.OutboxCounts;
import io.mcpconn.domain.event.OutboxEntry;
import io.mcpconn.domain.event.StoredEvent;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.jdbc.connection.EventJson;
import io.mcpconn.infrastructure.jdbc.connection.StoredTimestamps;
import io.mcpconn.infrastructure.jdbc.database.SqlDatabase;
import io.mcpconn.infrastructure.jdbc.database.Statements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link EventOutbox} on the {@code mcp_connection_events} table (migration V6), over JDBC, for
 * every SQL database an adapter opens. A claim is one write transaction: it picks the oldest pending
 * event of each connection that is due and not held by a live claim, skipping rows another instance
 * is claiming at the same moment where the database can ({@code FOR UPDATE SKIP LOCKED}), and
 * stamps them with the claimant and the claim's end. A row that cannot be read back as an event is
 * parked with the reason, never handed out and never dropped.
 */
public abstract class JdbcEventOutbox implements EventOutbox {

    /** The schema version this outbox needs: V6 made its table. */
    public static final String REQUIRED_SCHEMA = "6";

    private static final String COLUMNS = "seq, event_id, connection_id, namespace, event_type, payload_json,"
            + " occurred_at, state, attempts, handed_out, last_error, next_attempt_at, settled_at";

    private final SqlDatabase database;
    private final String claimable;

    /**
     * Events kept in {@code database}, migrated to {@link #REQUIRED_SCHEMA} or later; {@code adapter}
     * names the public class in messages.
     *
     * @throws io.mcpconn.infrastructure.jdbc.database.SchemaNotReadyException if the database is not migrated far enough
     */
    protected JdbcEventOutbox(SqlDatabase database, String adapter) {
        this.database = Objects.requireNonNull(database, "database");
        database.requireSchema(REQUIRED_SCHEMA, adapter);
        this.claimable = "SELECT seq FROM " + TABLE + " e WHERE e.state = 'pending'"
                + " AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= ?)"
                + " AND (e.claimed_until IS NULL OR e.claimed_until < ?)"
                + " AND NOT EXISTS (SELECT 1 FROM " + TABLE + " p WHERE p.connection_id = e.connection_id"
                + " AND p.state = 'pending' AND p.seq < e.seq)"
                + " ORDER BY e.seq LIMIT ?" + database.dialect().skipLockedRows();
    }

    @Override
    public final List<OutboxEntry> claim(InstanceId instance, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(instance, "instance");
        var at = StoredTimestamps.format(now);
        var until = StoredTimestamps.format(now.plus(lease));
        int wanted = Math.max(0, Math.min(limit, MAX_CLAIM));
        return database.update(statements -> {
            var candidates = statements.prepare(claimable);
            candidates.setString(1, at);
            candidates.setString(2, at);
            candidates.setInt(3, wanted);
            var sequences = new ArrayList<Long>();
            try (var rows = candidates.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            var stamp = statements.prepare("UPDATE " + TABLE
                    + " SET claimed_by = ?, claimed_until = ?, handed_out = handed_out + 1 WHERE seq = ?");
            for (long sequence : sequences) {
                stamp.setString(1, instance.value());
                stamp.setString(2, until);
                stamp.setLong(3, sequence);
                stamp.addBatch();
            }
            if (!sequences.isEmpty()) {
                stamp.executeBatch();
            }
            var claimed = new ArrayList<OutboxEntry>();
            if (sequences.isEmpty()) {
                return claimed;
            }
            // One read of every claimed row, as the claim left it.
            var read = statements.prepare("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE seq IN ("
                    + String.join(", ", java.util.Collections.nCopies(sequences.size(), "?")) + ") ORDER BY seq");
            for (int i = 0; i < sequences.size(); i++) {
                read.setLong(i + 1, sequences.get(i));
            }
            var unreadable = new java.util.LinkedHashMap<Long, String>();
            try (var rows = read.executeQuery()) {
                while (rows.next()) {
                    var entry = entry(rows);
                    if (entry.isPresent()) {
                        claimed.add(entry.get());
                    } else {
                        unreadable.put(rows.getLong(1), unreadable(rows));
                    }
                }
            }
            for (var row : unreadable.entrySet()) {
                park(statements, row.getKey(), row.getValue(), at);
            }
            return claimed;
        });
    }

    @Override
    public final boolean delivered(EventId id, Instant at) {
        return database.update(statements -> {
            var update = statements.prepare("UPDATE " + TABLE + " SET state = 'delivered', settled_at = ?,"
                    + " claimed_by = NULL, claimed_until = NULL, next_attempt_at = NULL"
                    + " WHERE event_id = ? AND state = 'pending'");
            update.setString(1, StoredTimestamps.format(at));
            update.setString(2, id.toString());
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public final void failed(FailedDelivery failure) {
        database.update(statements -> {
            if (failure instanceof FailedDelivery.RetryLater later) {
                var update = statements.prepare("UPDATE " + TABLE + " SET attempts = ?, last_error = ?,"
                        + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL"
                        + " WHERE event_id = ? AND state = 'pending'");
                update.setInt(1, later.attempts());
                update.setString(2, later.error());
                update.setString(3, StoredTimestamps.format(later.retryAt()));
                update.setString(4, later.eventId().toString());
                update.executeUpdate();
            } else if (failure instanceof FailedDelivery.Parked parked) {
                var update = statements.prepare("UPDATE " + TABLE + " SET state = 'parked', attempts = ?,"
                        + " last_error = ?, settled_at = ?, next_attempt_at = NULL, claimed_by = NULL,"
                        + " claimed_until = NULL WHERE event_id = ? AND state = 'pending'");
                update.setInt(1, parked.attempts());
                update.setString(2, parked.error());
                update.setString(3, StoredTimestamps.format(parked.parkedAt()));
                update.setString(4, parked.eventId().toString());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public final boolean retryParked(Namespace namespace, EventId id, Instant now) {
        return database.update(statements -> {
            var update = statements.prepare("UPDATE " + TABLE + " SET state = 'pending', attempts = 0,"
                    + " settled_at = NULL, next_attempt_at = ? WHERE event_id = ? AND namespace = ? AND state = 'parked'");
            update.setString(1, StoredTimestamps.format(now));
            update.setString(2, id.toString());
            update.setString(3, namespace.value());
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public final int purgeDelivered(Instant before) {
        return database.update(statements -> {
            var delete = statements.prepare("DELETE FROM " + TABLE + " WHERE state = 'delivered' AND settled_at < ?");
            delete.setString(1, StoredTimestamps.format(before));
            return delete.executeUpdate();
        });
    }

    @Override
    public final List<OutboxEntry> entries(Namespace namespace, long afterSequence, Optional<Instant> since, int limit) {
        return database.query(statements -> {
            var query = statements.prepare("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE namespace = ? AND seq > ?"
                    + (since.isPresent() ? " AND occurred_at >= ?" : "") + " ORDER BY seq LIMIT ?");
            int i = 1;
            query.setString(i++, namespace.value());
            query.setLong(i++, afterSequence);
            if (since.isPresent()) {
                query.setString(i++, StoredTimestamps.format(since.get()));
            }
            query.setInt(i, Math.max(0, limit));
            var entries = new ArrayList<OutboxEntry>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    var entry = entry(rows);
                    if (entry.isEmpty()) {
                        throw new UnreadableEventException(database.describe(), rows.getLong(1), unreadable(rows));
                    }
                    entries.add(entry.get());
                }
            }
            return entries;
        });
    }

    @Override
    public final OutboxCounts counts() {
        return database.query(statements -> {
            var query = statements.prepare("SELECT state, COUNT(*), SUM(CASE WHEN handed_out > 1 THEN 1 ELSE 0 END)"
                    + " FROM " + TABLE + " GROUP BY state");
            long pending = 0;
            long delivered = 0;
            long parked = 0;
            long again = 0;
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    long count = rows.getLong(2);
                    again += rows.getLong(3);
                    switch (rows.getString(1)) {
                        case "pending" -> pending = count;
                        case "delivered" -> delivered = count;
                        case "parked" -> parked = count;
                        default -> { }
                    }
                }
            }
            return new OutboxCounts(pending, delivered, parked, again);
        });
    }

    private static void park(Statements statements, long sequence, String reason, String at) throws SQLException {
        var update = statements.prepare("UPDATE " + TABLE + " SET state = 'parked', last_error = ?, settled_at = ?,"
                + " claimed_by = NULL, claimed_until = NULL, next_attempt_at = NULL WHERE seq = ?");
        update.setString(1, reason);
        update.setString(2, at);
        update.setLong(3, sequence);
        update.executeUpdate();
    }

    /** The row as an entry; empty if it does not hold an event this version can read. */
    private static Optional<OutboxEntry> entry(ResultSet row) throws SQLException {
        try {
            return Optional.of(read(row));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String unreadable(ResultSet row) throws SQLException {
        try {
            read(row);
            return "readable";
        } catch (RuntimeException e) {
            var reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "the stored event cannot be read: " + (reason.length() > 300 ? reason.substring(0, 299) + "…" : reason);
        }
    }

    private static OutboxEntry read(ResultSet row) throws SQLException {
        var event = EventJson.read(row.getString(5), row.getString(6), ConnectionId.of(row.getString(3)),
                Namespace.of(row.getString(4)), StoredTimestamps.parse(row.getString(7)));
        var state = DeliveryState.valueOf(row.getString(8).toUpperCase(Locale.ROOT));
        return new OutboxEntry(new StoredEvent(EventId.parse(row.getString(2)), row.getLong(1), event), state,
                row.getInt(9), row.getInt(10), Optional.ofNullable(row.getString(11)),
                Optional.ofNullable(row.getString(12)).map(StoredTimestamps::parse),
                Optional.ofNullable(row.getString(13)).map(StoredTimestamps::parse));
    }
}
