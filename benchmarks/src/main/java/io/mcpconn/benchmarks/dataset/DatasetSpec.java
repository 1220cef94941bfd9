package io.mcpconn.benchmarks.dataset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpconn.benchmarks.floor.FloorRow;
import io.mcpconn.benchmarks.floor.FloorStore;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A generated data set: {@code rows} connections spread evenly over {@code namespaces} namespaces
 * of {@code agentsPerNamespace} agents each. Row {@code i} is a function of the seed and {@code i}
 * alone, so any row's id and namespace are known without reading the file, and the same seed
 * always gives the same file.
 *
 * <p>Row {@code i} lives in namespace {@code i % namespaces} and belongs to agent
 * {@code (i / namespaces) % agentsPerNamespace}: with 1,000 namespaces of 10 agents, 10,000 rows
 * give each namespace 10 connections (one per agent) and 1,000,000 rows give it 1,000 (100 per agent).
 */
public record DatasetSpec(int rows, long seed, int namespaces, int agentsPerNamespace) {

    /** Namespaces of the benchmarks' data sets. */
    public static final int NAMESPACES = 1000;

    /** Agents in each namespace. */
    public static final int AGENTS_PER_NAMESPACE = 10;

    private static final DateTimeFormatter NO_FRACTION = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final long FIRST_MICROS = micros(Instant.parse("2023-01-01T00:00:00Z"));
    private static final long LAST_MICROS = micros(Instant.parse("2025-11-12T13:30:00Z"));
    private static final long MONTH_MICROS = 30L * 24 * 3600 * 1_000_000;
    private static final String[] VENDORS = {"github", "slack", "filesystem", "postgres", "memory", "search", "jira",
        "notion", "calendar", "weather", "sentry", "grafana", "drive", "s3", "browser", "linear"};
    private static final int[] TIMEOUTS = {10, 30, 30, 60, 120};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public DatasetSpec {
        if (rows < 1 || namespaces < 1 || agentsPerNamespace < 1) {
            throw new IllegalArgumentException("rows, namespaces and agents must be positive");
        }
    }

    /** The namespace of row {@code i}. */
    public String namespace(int i) {
        return namespaceName(i % namespaces);
    }

    /** The name of namespace number {@code n}. */
    public static String namespaceName(int n) {
        return String.format("tenant-%04d", n);
    }

    /** The owning agent of row {@code i}. */
    public String agent(int i) {
        return agentName((i / namespaces) % agentsPerNamespace);
    }

    /** The name of agent number {@code n} of a namespace. */
    public static String agentName(int n) {
        return "agent-" + n;
    }

    /** The id of row {@code i}: a version 4 UUID drawn from the row's own random stream. */
    public String id(int i) {
        return uuid(random(i));
    }

    /** Row {@code i}, whole. */
    FloorRow row(int i, ToolPool tools) {
        SplittableRandom random = random(i);
        String id = uuid(random);
        String vendor = VENDORS[random.nextInt(VENDORS.length)];
        String serverName = vendor + "-" + (i / namespaces);
        long created = random.nextLong(FIRST_MICROS, LAST_MICROS);
        long updated = Math.min(LAST_MICROS, created + random.nextLong(MONTH_MICROS));
        String updatedAt = FloorStore.stored(instant(updated));
        int draw = random.nextInt(100);
        String status = draw < 50 ? "active" : draw < 80 ? "disconnected" : draw < 95 ? "error"
                : draw < 98 ? "connecting" : "disconnecting";
        boolean active = status.equals("active") || status.equals("disconnecting");
        boolean failed = status.equals("error");
        return new FloorRow(id, serverName, namespace(i), agent(i), status, config(serverName, vendor, i, random),
                tools(tools, random), failed ? "connection refused by " + vendor + " (HTTP 503)" : null,
                failed ? updatedAt : null, createdAt(created, random), active ? updatedAt : null,
                status.equals("disconnected") ? updatedAt : null, updatedAt, 1);
    }

    /** The cache file's name for this data set under schema version {@code schemaHead}. */
    String fileName(String schemaHead) {
        String layout = namespaces == NAMESPACES && agentsPerNamespace == AGENTS_PER_NAMESPACE ? ""
                : "-ns-" + namespaces + "x" + agentsPerNamespace;
        return "rows-" + rows + "-seed-" + seed + layout + "-v" + schemaHead + ".db";
    }

    private ObjectNode config(String serverName, String vendor, int i, SplittableRandom random) {
        ObjectNode config = NODES.objectNode().put("server_name", serverName);
        boolean stdio = random.nextInt(10) == 0;
        if (stdio) {
            config.putNull("url");
        } else {
            config.put("url", "https://mcp." + vendor + ".example.com/v1/" + namespace(i) + "/mcp");
        }
        config.put("timeout", TIMEOUTS[random.nextInt(TIMEOUTS.length)])
                .put("retry_attempts", random.nextInt(6))
                .put("auth_required", false)
                .putNull("api_key");
        if (stdio) {
            config.put("transport", "stdio").put("command", "npx");
            config.putArray("args").add("-y").add("@modelcontextprotocol/server-" + vendor).add("/srv/" + namespace(i));
            config.putObject("env");
            config.put("working_directory", "/srv");
        } else if (random.nextBoolean()) {
            config.putObject("headers").put("User-Agent", "tmws/2.4").put("X-Tenant", namespace(i));
        }
        return config;
    }

    private static ArrayNode tools(ToolPool pool, SplittableRandom random) {
        ArrayNode tools = NODES.arrayNode(5);
        boolean[] taken = new boolean[pool.size()];
        while (tools.size() < 5) {
            int pick = random.nextInt(pool.size());
            if (!taken[pick]) {
                taken[pick] = true;
                tools.add(pool.tool(pick));
            }
        }
        return tools;
    }

    // Most rows as this library writes them; a few as SQLite's CURRENT_TIMESTAMP and ISO writers
    // do, so that the sort key's normalisation is exercised on real data.
    private static String createdAt(long micros, SplittableRandom random) {
        int form = random.nextInt(500);
        LocalDateTime at = LocalDateTime.ofInstant(instant(micros), ZoneOffset.UTC);
        if (form == 0) {
            return NO_FRACTION.format(at);
        }
        return form == 1 ? ISO.format(at) : FloorStore.stored(instant(micros));
    }

    private SplittableRandom random(int i) {
        return stream(seed, i);
    }

    /**
     * Random stream number {@code index} of {@code seed}. Both are hashed first: SplittableRandom
     * steps its state by a fixed constant, so seeds that differ by a simple formula would give
     * overlapping streams, and rows sharing ids.
     */
    public static SplittableRandom stream(long seed, long index) {
        return new SplittableRandom(mix(mix(seed) + index));
    }

    // MurmurHash3's 64-bit finaliser.
    private static long mix(long value) {
        long z = (value ^ (value >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A version 4 UUID drawn from {@code random}. */
    public static String uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
