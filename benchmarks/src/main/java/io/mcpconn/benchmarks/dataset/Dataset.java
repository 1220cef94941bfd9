package io.mcpconn.benchmarks.dataset;

import io.mcpconn.benchmarks.ConnectionStore;
import io.mcpconn.benchmarks.adapter.AdapterStore;
import io.mcpconn.benchmarks.floor.FloorPage;
import io.mcpconn.benchmarks.floor.FloorRow;
import io.mcpconn.benchmarks.floor.FloorStore;
import io.mcpconn.benchmarks.floor.PostgresFloorStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one copy of a data set lives, and what the benchmarks do with it: a SQLite file, or a
 * PostgreSQL database loaded from that file. Both sides of a comparison open the same one.
 */
public sealed interface Dataset permits Dataset.Sqlite, Dataset.Postgres {

    /** The names {@code @Param db} and {@code --db} take. */
    List<String> NAMES = List.of(Sqlite.NAME, Postgres.NAME);

    /** The databases a {@code --db} option names: {@code both} is every one, otherwise the one named. */
    static List<String> selected(String db) {
        return db.equals("both") ? NAMES : List.of(db);
    }

    /** "sqlite" or "postgresql". */
    String db();

    /** Opens {@code impl} ("floor" or "adapter") on it, reading pages of {@code pageSize}. */
    default ConnectionStore<?, ?> open(String impl, int pageSize) {
        return switch (impl) {
            case "floor" -> floor(pageSize);
            case "adapter" -> adapter(pageSize);
            default -> throw new IllegalArgumentException("impl must be floor or adapter, not " + impl);
        };
    }

    /** The hand-written floor on it. */
    ConnectionStore<FloorRow, FloorPage> floor(int pageSize);

    /** The library's adapter on it. */
    AdapterStore adapter(int pageSize);

    /** A fresh copy for benchmarks that write; {@link #delete()} it after. */
    Dataset copyForWrites();

    /** Drops the two indexes V5 adds for paging (named alike on both databases), to measure what they cost writes. */
    void dropPagingIndexes();

    /** Deletes this copy. */
    void delete();

    /** This copy as {@link #parse} reads it back, for a second process. */
    String describe();

    /** The data set {@code spec} on {@code db}, built first if it is not there. */
    static Dataset ensure(String db, DatasetSpec spec) {
        return switch (db) {
            case Sqlite.NAME -> new Sqlite(Datasets.ensure(spec));
            case Postgres.NAME -> PostgresDatasets.ensure(spec);
            default -> throw new IllegalArgumentException("db must be one of " + NAMES + ", not " + db);
        };
    }

    /** What {@link #describe()} wrote. */
    static Dataset parse(String described) {
        int colon = described.indexOf(':');
        String db = colon < 0 ? "" : described.substring(0, colon);
        String where = described.substring(colon + 1);
        return switch (db) {
            case Sqlite.NAME -> new Sqlite(Path.of(where));
            case Postgres.NAME -> new Postgres(PostgresServerAddress.configured(), where);
            default -> throw new IllegalArgumentException("not a data set: " + described);
        };
    }

    /** A SQLite database file. */
    record Sqlite(Path file) implements Dataset {

        static final String NAME = "sqlite";

        @Override
        public String db() {
            return NAME;
        }

        @Override
        public ConnectionStore<FloorRow, FloorPage> floor(int pageSize) {
            return new FloorStore(file, pageSize);
        }

        @Override
        public AdapterStore adapter(int pageSize) {
            return AdapterStore.sqlite(file, pageSize);
        }

        @Override
        public Dataset copyForWrites() {
            return new Sqlite(Datasets.copyForWrites(file));
        }

        @Override
        public void dropPagingIndexes() {
            Datasets.dropPagingIndexes(file);
        }

        @Override
        public void delete() {
            Datasets.deleteDatabase(file);
        }

        @Override
        public String describe() {
            return NAME + ":" + file;
        }
    }

    /**
     * A database on the benchmarks' PostgreSQL server. Each side opens its own
     * {@code PostgresDatabase} with the same options ({@link PostgresServerAddress#options}), so
     * the floor and the adapter run on pools set up alike.
     */
    record Postgres(PostgresServerAddress server, String name) implements Dataset {

        static final String NAME = "postgresql";

        @Override
        public String db() {
            return NAME;
        }

        @Override
        public ConnectionStore<FloorRow, FloorPage> floor(int pageSize) {
            return new PostgresFloorStore(server.open(name), pageSize);
        }

        @Override
        public AdapterStore adapter(int pageSize) {
            return AdapterStore.postgres(server.open(name), pageSize);
        }

        @Override
        public Dataset copyForWrites() {
            return PostgresDatasets.copyForWrites(this);
        }

        @Override
        public void dropPagingIndexes() {
            PostgresDatasets.dropPagingIndexes(this);
        }

        @Override
        public void delete() {
            PostgresDatasets.drop(server, name);
        }

        @Override
        public String describe() {
            return NAME + ":" + name;
        }
    }
}
