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
 * Reads, floor against adapter, on each database, on the cached data set itself (reads change nothing): get by id
 * and pages of 50, newest first, at the start and near the end of a namespace's and an agent's
 * list. Not final: JMH subclasses it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReadBenchmarks {

    /** Which side: the hand-written floor or the library's adapter. */
    @Param({"floor", "adapter"})
    public String impl;

    /** Which database: the SQLite file, or its copy on the PostgreSQL server ({@code benchmarks/run} starts it). */
    @Param({"sqlite", "postgresql"})
    public String db;

    /** Rows in the data set. */
    @Param({"10000", "100000", "1000000"})
    public int rows;

    private Operations<?, ?> operations;

    /** Opens the side on the data set, building the data set first if it is not cached. */
    @Setup(Level.Trial)
    public void open() {
        DatasetSpec spec = Datasets.spec(rows);
        operations = Operations.forReads(impl, Dataset.ensure(db, spec), spec);
    }

    /** Closes the side. */
    @TearDown(Level.Trial)
    public void close() {
        operations.close();
    }

    /** One connection by namespace and id, both JSON columns parsed. */
    @Benchmark
    public Object getById() {
        return operations.getById();
    }

    /** The newest 50 of a namespace. */
    @Benchmark
    public List<?> firstPageNamespace() {
        return operations.firstPageNamespace();
    }

    /** The newest 50 of one agent in a namespace. */
    @Benchmark
    public List<?> firstPageAgent() {
        return operations.firstPageAgent();
    }

    /** The 50 after a position near the end of a namespace's list. */
    @Benchmark
    public List<?> deepPageNamespace() {
        return operations.deepPageNamespace();
    }

    /** The 50 after a position near the end of an agent's list. */
    @Benchmark
    public List<?> deepPageAgent() {
        return operations.deepPageAgent();
    }
}
