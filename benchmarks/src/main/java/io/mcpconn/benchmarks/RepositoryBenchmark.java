package io.mcpconn.benchmarks;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.Page;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What a runtime pays per repository call, on a database of 10,000 connections in 10
 * namespaces (each connection with the seed's two tools), for the SQLite adapter on a real file
 * and, as the floor, the in-memory one.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package && java -jar benchmarks/target/benchmarks.jar}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RepositoryBenchmark {

    private static final int NAMESPACES = 10;
    private static final int PER_NAMESPACE = 1000;

    @Param({"sqlite", "in-memory"})
    public String adapter;

    private final Clock clock = Clock.systemUTC();
    private Path directory;
    private SqliteDatabase database;
    private McpConnectionRepository repository;
    private List<McpConnection> stored;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        if (adapter.equals("sqlite")) {
            directory = Files.createTempDirectory("mcpconn-bench");
            database = SqliteDatabase.open(directory.resolve("bench.db"));
            new SchemaMigrator(database).migrate();
            repository = new SqliteMcpConnectionRepository(database);
        } else {
            repository = new InMemoryMcpConnectionRepository();
        }
        stored = new ArrayList<>();
        for (int n = 0; n < NAMESPACES; n++) {
            for (int i = 0; i < PER_NAMESPACE; i++) {
                var connection = McpConnections.in(i % 2 == 0 ? ConnectionStatus.ACTIVE : ConnectionStatus.DISCONNECTED,
                        namespace(n), AgentId.of("agent-" + (i % 20)), "server-" + i, clock);
                repository.save(connection);
                stored.add(connection);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (database != null) {
            database.close();
            try (Stream<Path> files = Files.walk(directory)) {
                for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Namespace namespace(int n) {
        return Namespace.of("namespace-" + n);
    }

    private McpConnection anyStored() {
        return stored.get(ThreadLocalRandom.current().nextInt(stored.size()));
    }

    /** Load one connection by id: the hot path of every command a runtime runs. */
    @Benchmark
    public McpConnection findById() {
        var target = anyStored();
        return repository.findById(target.namespace(), target.id()).orElseThrow();
    }

    /** One page of 100 of a namespace's 1,000 connections, newest first. */
    @Benchmark
    public Page<McpConnection> findAllFirstPage() {
        return repository.findAll(namespace(ThreadLocalRandom.current().nextInt(NAMESPACES)), PageRequest.first(100));
    }

    /** An agent's 50 connections in a namespace (the seed's ownership query). */
    @Benchmark
    public Page<McpConnection> findByAgent() {
        return repository.findByAgent(namespace(ThreadLocalRandom.current().nextInt(NAMESPACES)),
                AgentId.of("agent-" + ThreadLocalRandom.current().nextInt(20)), PageRequest.first(100));
    }

    /** Load, change state, save: one committed write with its version check. */
    @Benchmark
    public McpConnection loadChangeSave() {
        var target = anyStored();
        var connection = repository.findById(target.namespace(), target.id()).orElseThrow();
        if (connection.status() == ConnectionStatus.ACTIVE) {
            connection.fail("benchmark", clock.instant());
        } else if (connection.status() == ConnectionStatus.ERROR) {
            connection.startConnecting(clock.instant());
        } else if (connection.status() == ConnectionStatus.CONNECTING) {
            connection.markActive(McpConnections.active("tools-source", clock).tools(), clock.instant());
        } else {
            connection.startConnecting(clock.instant());
        }
        repository.save(connection);
        return connection;
    }

    /** Register and insert a new connection. */
    @Benchmark
    public ConnectionId insert() {
        var connection = McpConnections.in(ConnectionStatus.DISCONNECTED, Namespace.of("inserts"), AgentId.of("agent"),
                "s-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), clock);
        repository.save(connection);
        return connection.id();
    }
}
