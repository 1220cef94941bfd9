package io.mcpconn.benchmarks.dataset;

import io.mcpconn.benchmarks.floor.FloorRow;
import io.mcpconn.benchmarks.floor.FloorStore;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.ExpectedSchema;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache of generated data sets. A data set is built once, through the floor's batch insert
 * into a freshly migrated file, and reused while its file and its completion marker are there;
 * the file's name carries the rows, the seed and the schema version, so a new migration gets a
 * new file. Read benchmarks read the cached file itself; writes go to a copy of it.
 *
 * <p>The directory is {@value #DIRECTORY_PROPERTY} if set, else {@code datasets} beside the
 * benchmarks' jar or classes (so {@code benchmarks/target/datasets}).
 */
public final class Datasets {

    /** System property naming the cache directory. */
    public static final String DIRECTORY_PROPERTY = "mcpconn.bench.datasets";

    /** System property overriding the number of namespaces (the tests' tiny data sets use a few). */
    public static final String NAMESPACES_PROPERTY = "mcpconn.bench.namespaces";

    /** The seed of every benchmark's data set. */
    public static final long SEED = 42;

    private static final int CHUNK = 10_000;

    private Datasets() {
    }

    /** The benchmarks' data set of {@code rows} rows. */
    public static DatasetSpec spec(int rows) {
        int namespaces = Integer.getInteger(NAMESPACES_PROPERTY, DatasetSpec.NAMESPACES);
        return new DatasetSpec(rows, SEED, namespaces, DatasetSpec.AGENTS_PER_NAMESPACE);
    }

    /** Where data sets are kept. */
    public static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(Datasets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("datasets");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the benchmarks' classes are", e);
        }
    }

    /** The data set's file, built first if it is missing or was left incomplete. */
    public static synchronized Path ensure(DatasetSpec spec) {
        Path file = directory().resolve(spec.fileName(SchemaMigrator.head()));
        Path marker = marker(file);
        if (Files.exists(file) && Files.exists(marker)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            deleteDatabase(file);
            Files.deleteIfExists(marker);
            build(spec, file);
            Files.writeString(marker, spec.rows() + " rows\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build data set " + file, e);
        }
        return file;
    }

    /** A fresh copy of a data set for benchmarks that write, beside the cache. */
    public static Path copyForWrites(Path dataset) {
        try {
            Path work = Files.createDirectories(dataset.getParent().resolve("work"));
            Path copy = Files.createTempFile(work, dataset.getFileName().toString().replace(".db", "-"), ".db");
            Files.copy(dataset, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy data set " + dataset, e);
        }
    }

    /** Drops the two indexes V5 adds for paging from a copy, to measure what they cost writes. */
    public static void dropPagingIndexes(Path copy) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX " + ExpectedSchema.PAGE_INDEX);
            statement.execute("DROP INDEX " + ExpectedSchema.AGENT_PAGE_INDEX);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the paging indexes of " + copy + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a database file with its WAL and shared-memory files. */
    public static void deleteDatabase(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static Path marker(Path file) {
        return Path.of(file + ".complete");
    }

    private static void build(DatasetSpec spec, Path file) {
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            new SchemaMigrator(database).migrate();
        }
        ToolPool tools = ToolPool.load();
        long started = System.nanoTime();
        int reported = 0;
        System.out.printf("data set %s: generating %,d rows%n", file.getFileName(), spec.rows());
        try (FloorStore floor = new FloorStore(file, 1)) {
            List<FloorRow> chunk = new ArrayList<>(CHUNK);
            for (int i = 0; i < spec.rows(); i++) {
                chunk.add(spec.row(i, tools));
                if (chunk.size() < CHUNK && i < spec.rows() - 1) {
                    continue;
                }
                floor.insertAll(chunk);
                chunk.clear();
                int percent = (int) ((i + 1L) * 100 / spec.rows());
                if (percent >= reported + 10) {
                    reported = percent - percent % 10;
                    System.out.printf("data set %s: %d%% (%,d rows, %.1f s)%n", file.getFileName(), reported, i + 1,
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }
    }
}
