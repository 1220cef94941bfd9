package io.mcpconn.benchmarks;

import io.mcpconn.benchmarks.dataset.Dataset;
import io.mcpconn.benchmarks.dataset.DatasetSpec;
import io.mcpconn.benchmarks.dataset.Datasets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes, floor against adapter, on each database, each committed in its own transaction: insert
 * one, update one (version-checked), insert 1,000 at once. Every trial writes to a fresh copy of
 * the data set (a copied file, or a database made from the data set's as a template), so that each
 * starts from the same rows. Not final: JMH subclasses it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WriteBenchmarks {

    /** Which side: the hand-written floor or the library's adapter. */
    @Param({"floor", "adapter"})
    public String impl;

    /** Which database: the SQLite file, or its copy on the PostgreSQL server ({@code benchmarks/run} starts it). */
    @Param({"sqlite", "postgresql"})
    public String db;

    /** Rows in the data set. */
    @Param({"10000", "100000", "1000000"})
    public int rows;

    /**
     * {@code with} the indexes migration V5 adds for paging, or {@code without} them (dropped from
     * the copy before it is opened): run both to see what keeping pages in order costs each write.
     */
    @Param({"with"})
    public String pagingIndexes;

    Operations<?, ?> operations;
    Dataset copy;

    /** Opens the side on a fresh copy of the data set. */
    @Setup(Level.Trial)
    public void open() {
        DatasetSpec spec = Datasets.spec(rows);
        if (!"with".equals(pagingIndexes) && !"without".equals(pagingIndexes)) {
            throw new IllegalArgumentException("pagingIndexes is \"with\" or \"without\", not \"" + pagingIndexes + "\"");
        }
        copy = Dataset.ensure(db, spec).copyForWrites();
        if ("without".equals(pagingIndexes)) {
            copy.dropPagingIndexes();
        }
        operations = Operations.forWrites(impl, copy, spec, spec.seed() + 1);
    }

    /** Closes the side and deletes its copy. */
    @TearDown(Level.Trial)
    public void close() {
        operations.close();
        copy.delete();
    }

    /** A new connection (five tools, about 1.5 KB of JSON), inserted in its own transaction. */
    @Benchmark
    public Object saveNew() {
        return operations.saveNew();
    }

    /** A loaded connection changed one status step and saved, version-checked. */
    @Benchmark
    public Object update() {
        return operations.update();
    }

    /**
     * 1,000 new connections in one transaction; divide by the rows for rows/s.
     *
     * @param prepared asked for so that JMH builds the batch before each call, untimed
     */
    @Benchmark
    public List<?> saveBatch1000(PreparedBatch prepared) {
        return operations.saveBatch();
    }

    /** Builds each batch before its measured call, so that building aggregates or rows is not measured. */
    @State(Scope.Thread)
    public static class PreparedBatch {

        /** Builds the next batch. */
        @Setup(Level.Invocation)
        public void prepare(WriteBenchmarks benchmarks) {
            benchmarks.operations.prepareBatch();
        }
    }
}
