package io.mcpconn.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.application.registration.RegisterConnectionCommand;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.runtime.Mcpconn;
import io.mcpconn.runtime.fuzz.HostileServer.Behaviour;
import io.mcpconn.testkit.fuzz.StoredRowFuzz;
import io.mcpconn.testkit.servers.Commands;
import io.mcpconn.testkit.servers.Processes;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hostile MCP servers, over stdio and Streamable HTTP, driven through the runtime's connect use
 * case with a connection holding known secrets (an api key, an env value): each connection ends in
 * ERROR or is refused, with a bounded message holding no secret; the heap, the threads and the
 * child processes are as they were once the runtime is closed. Seeded ({@code -Dmcpconn.fuzz.seed=…}):
 * the seed picks the secrets and the order of the cases.
 */
class McpFuzzTest {

    private static final Namespace TEAM = Namespace.of("fuzz");
    private static final AgentId AGENT = AgentId.of("fuzz-agent");
    private static final int MAX_MESSAGE = 2000;
    /** Answers that are valid despite the noise around them: a big schema, a garbage line, odd tool names. */
    private static final Set<Behaviour> MAY_CONNECT = Set.of(Behaviour.HUGE_SCHEMA, Behaviour.BINARY,
            Behaviour.TOOL_NAMED_LIKE_SECRETS);

    private record Case(Behaviour behaviour, boolean http) {
        String name() {
            return (http ? "http-" : "stdio-") + behaviour.name().toLowerCase().replace('_', '-');
        }
    }

    @Test
    void hostile_servers_end_in_error_with_a_short_message_free_of_secrets_and_leave_nothing_behind() throws Exception {
        long seed = StoredRowFuzz.seed(20251112L);
        var random = new Random(seed);
        String apiKey = "sk-fuzz-" + Long.toHexString(random.nextLong() | 1L << 62);
        String envSecret = "env-fuzz-" + Long.toHexString(random.nextLong() | 1L << 62);
        var cases = new ArrayList<Case>();
        for (var behaviour : Behaviour.values()) {
            cases.add(new Case(behaviour, false));
            cases.add(new Case(behaviour, true));
        }
        Collections.shuffle(cases, random);

        long heapBefore = usedHeapAfterGc();
        Set<String> threadsBefore = liveThreads();
        var failures = new ArrayList<String>();
        int error = 0;
        int refused = 0;
        int connected = 0;
        int maxLength = 0;
        var servers = new ArrayList<HostileServer>();
        try (var mcp = Mcpconn.inMemory().start()) {
            for (var fuzzCase : cases) {
                var name = ServerName.of(fuzzCase.name());
                ConnectionConfig config;
                if (fuzzCase.http()) {
                    var server = HostileServer.http(fuzzCase.behaviour());
                    servers.add(server);
                    config = ConnectionConfig.http(server.url()).withApiKey(ApiKey.of(apiKey));
                } else {
                    var command = Commands.java(HostileServer.class.getName(), fuzzCase.behaviour().name());
                    config = ConnectionConfig.of(new StdioTransport(command.get(0), command.subList(1, command.size()),
                            Map.of("SERVICE_TOKEN", envSecret), Optional.empty()));
                }
                config = config.withTimeout(Duration.ofSeconds(3)).withRetryAttempts(0);
                mcp.register().handle(new RegisterConnectionCommand(TEAM, AGENT, name, config));
                String message;
                try {
                    var result = mcp.connect().handle(new ConnectCommand(TEAM, ConnectionRef.named(fuzzCase.name())));
                    // A valid answer wrapped in noise is still a valid answer: allowed, and counted.
                    if (!MAY_CONNECT.contains(fuzzCase.behaviour())) {
                        failures.add(fuzzCase.name() + ": connected, with "
                                + result.connection().connection().tools().tools().size() + " tools");
                    }
                    connected++;
                    continue;
                } catch (RuntimeException e) {
                    message = chain(e);
                }
                var stored = mcp.repository().findByServerName(TEAM, name).orElseThrow();
                if (stored.status() == ConnectionStatus.ERROR) {
                    error++;
                    message = message + "\n" + stored.lastError().map(last -> last.message()).orElse("");
                } else {
                    refused++;
                }
                maxLength = Math.max(maxLength, stored.lastError().map(last -> last.message().length()).orElse(0));
                if (stored.lastError().map(last -> last.message().length() > MAX_MESSAGE).orElse(false)) {
                    failures.add(fuzzCase.name() + ": a message of " + stored.lastError().get().message().length() + " characters");
                }
                if (stored.status() != ConnectionStatus.ERROR && stored.status() != ConnectionStatus.DISCONNECTED) {
                    failures.add(fuzzCase.name() + ": left " + stored.status() + " after " + shorten(message));
                }
                for (var secret : List.of(apiKey, envSecret)) {
                    if (message.contains(secret)) {
                        failures.add(fuzzCase.name() + ": the message holds a secret: " + shorten(message));
                    }
                }
                if (stored.toString().contains(apiKey) || stored.toString().contains(envSecret)) {
                    failures.add(fuzzCase.name() + ": the stored connection shows a secret");
                }
            }
        } finally {
            servers.forEach(HostileServer::close);
        }
        var descendants = ProcessHandle.current().descendants().toList();
        int processesLeaked = Processes.awaitGone(descendants, Duration.ofSeconds(10)).size();
        var threadsLeaked = awaitThreadsGone(threadsBefore, Duration.ofSeconds(10));
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        System.out.printf("mcp-fuzz seed=%d cases=%d error=%d refused=%d connected=%d max-message-length=%d threads-leaked=%d"
                + " processes-leaked=%d heap-growth=%.1fMB%n", seed, cases.size(), error, refused, connected, maxLength,
                threadsLeaked.size(), processesLeaked, heapGrowth / 1048576.0);

        assertThat(failures).as("seed %d (replay with -D%s=%d)", seed, StoredRowFuzz.SEED_PROPERTY, seed).isEmpty();
        assertThat(threadsLeaked).as("threads left running after close()").isEmpty();
        assertThat(processesLeaked).as("child processes left running").isZero();
        assertThat(heapGrowth).as("used heap after GC grew by").isLessThan(64L * 1024 * 1024);
    }

    private static String chain(Throwable failure) {
        var text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(thread -> thread.getName() + "#" + thread.getId()).collect(Collectors.toSet());
    }

    private static Set<String> awaitThreadsGone(Set<String> before, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            var leaked = liveThreads();
            leaked.removeAll(before);
            // The JDK's own: HttpClient selector threads end on their own schedule; the common pool is shared.
            // Reactor's global parallel scheduler (one thread per core, shared by every Reactor user in the
            // JVM, started once) is not the runtime's to stop; a closed HttpClient's selector thread ends
            // once the client is collected, hence the GC below.
            leaked.removeIf(name -> name.startsWith("ForkJoinPool.commonPool") || name.startsWith("process reaper")
                    || name.startsWith("Attach Listener") || name.startsWith("hostile-http")
                    || name.matches("parallel-\\d+#\\d+"));
            System.gc();
            if (leaked.isEmpty() || System.nanoTime() > deadline) {
                return leaked;
            }
            Thread.sleep(100);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
