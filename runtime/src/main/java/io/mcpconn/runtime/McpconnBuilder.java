package io.mcpconn.runtime;

import io.mcpconn.application.connect.RetryPolicy;
import io.mcpconn.application.event.DomainEventPublisher;
import io.mcpconn.application.event.EventRelay;
import io.mcpconn.application.mcp.McpClient;
import io.mcpconn.application.session.SessionRegistry;
import io.mcpconn.application.tool.JsonSchemaValidator;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.connection.McpConnectionRepository;
import io.mcpconn.domain.connection.SessionLeaseRepository;
import io.mcpconn.domain.event.DeliveryPolicy;
import io.mcpconn.domain.event.EventOutbox;
import io.mcpconn.infrastructure.mcp.SdkMcpClient;
import io.mcpconn.infrastructure.mcp.NetworkntJsonSchemaValidator;
import io.mcpconn.infrastructure.postgres.connection.PostgresEventOutbox;
import io.mcpconn.infrastructure.postgres.connection.PostgresMcpConnectionRepository;
import io.mcpconn.infrastructure.postgres.connection.PostgresSessionLeaseRepository;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.migration.PostgresSchemaMigrator;
import io.mcpconn.infrastructure.sqlite.connection.SqliteEventOutbox;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.connection.SqliteSessionLeaseRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsConfiguration;
import io.mcpconn.testkit.repository.InMemoryMcpConnectionRepository;
import io.mcpconn.testkit.repository.InMemorySessionLeaseRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an {@link Mcpconn} is set up. Every setting has a default that suits a runtime; change
 * only what you need, then {@link #start()}.
 */
public final class McpconnBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(McpconnBuilder.class);

    /** How long a session lease lasts unless renewed (renewed every third of it). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** How long delivered events are kept before they are purged (parked and pending ones are kept). */
    public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofDays(7);

    /** How often the relay looks for events left undelivered (after a restart, a failure, another instance). */
    public static final Duration DEFAULT_EVENT_POLL = Duration.ofSeconds(1);

    /** How long a claimed event is held for one instance's listener before another may deliver it. */
    public static final Duration DEFAULT_EVENT_CLAIM = Duration.ofMinutes(1);

    /** Where connections are kept. */
    private sealed interface Storage {
        /** In the SQLite file at {@code file}. */
        record Sqlite(Path file) implements Storage {
        }

        /** In a PostgreSQL database several instances share. */
        record Postgres(PostgresDatabaseOptions options) implements Storage {
        }

        /** In memory, for tests. */
        record InMemory() implements Storage {
        }
    }

    private final Storage storage;
    private Clock clock = Clock.systemUTC();
    private Optional<DomainEventPublisher> events = Optional.empty();
    private DeliveryPolicy deliveryPolicy = DeliveryPolicy.DEFAULT;
    private Duration eventRetention = DEFAULT_EVENT_RETENTION;
    private Duration eventPoll = DEFAULT_EVENT_POLL;
    private Duration eventClaim = DEFAULT_EVENT_CLAIM;
    private Optional<McpClient> client = Optional.empty();
    private Optional<JsonSchemaValidator> validator = Optional.empty();
    private boolean migrateOnStart = true;
    private Optional<InstanceId> instance = Optional.empty();
    private Duration leaseDuration = DEFAULT_LEASE;
    private RetryPolicy retries = RetryPolicy.DEFAULT;
    private SqliteDatabaseOptions databaseOptions = SqliteDatabaseOptions.defaults();
    private Optional<SecretsAtRest> secrets = Optional.empty();
    private Map<String, String> secretsEnvironment = System.getenv();

    private McpconnBuilder(Storage storage) {
        this.storage = storage;
    }

    static McpconnBuilder sqlite(Path database) {
        return new McpconnBuilder(new Storage.Sqlite(Objects.requireNonNull(database, "database")));
    }

    static McpconnBuilder postgres(PostgresDatabaseOptions options) {
        return new McpconnBuilder(new Storage.Postgres(Objects.requireNonNull(options, "options")));
    }

    static McpconnBuilder inMemory() {
        return new McpconnBuilder(new Storage.InMemory());
    }

    /** Where times come from (default: the system's UTC clock). */
    public McpconnBuilder clock(Clock newClock) {
        this.clock = Objects.requireNonNull(newClock, "clock");
        return this;
    }

    /**
     * Who hears of every change, after it is committed: each stored event at least once, in order for
     * each connection, with an id that stays the same when it is delivered again (default: nobody; the
     * events then stay stored, undelivered, for an instance that listens).
     */
    public McpconnBuilder events(DomainEventPublisher publisher) {
        this.events = Optional.of(Objects.requireNonNull(publisher, "publisher"));
        return this;
    }

    /** How often and how far apart a failed delivery is retried before the event is parked (default: {@link DeliveryPolicy#DEFAULT}). */
    public McpconnBuilder deliveryPolicy(DeliveryPolicy policy) {
        this.deliveryPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** How long delivered events are kept before they are purged (default: 7 days). */
    public McpconnBuilder eventRetention(Duration retention) {
        this.eventRetention = Objects.requireNonNull(retention, "retention");
        return this;
    }

    /** How often undelivered events are looked for in the background (default: every second). */
    public McpconnBuilder eventPollInterval(Duration interval) {
        this.eventPoll = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** How long this instance holds an event it is delivering before another may (default: 1 minute). */
    public McpconnBuilder eventClaim(Duration claim) {
        this.eventClaim = Objects.requireNonNull(claim, "claim");
        return this;
    }

    /** How MCP servers are reached (default: the official MCP Java SDK). */
    public McpconnBuilder mcpClient(McpClient mcpClient) {
        this.client = Optional.of(Objects.requireNonNull(mcpClient, "mcpClient"));
        return this;
    }

    /** How tool arguments are checked (default: a JSON Schema validator, draft 2020-12). */
    public McpconnBuilder schemaValidator(JsonSchemaValidator schemaValidator) {
        this.validator = Optional.of(Objects.requireNonNull(schemaValidator, "schemaValidator"));
        return this;
    }

    /** Whether {@link #start()} migrates the database to the newest schema (default: yes). */
    public McpconnBuilder migrateOnStart(boolean migrate) {
        this.migrateOnStart = migrate;
        return this;
    }

    /** This instance's id in session leases (default: host name, process id and a random part). */
    public McpconnBuilder instanceId(InstanceId id) {
        this.instance = Optional.of(Objects.requireNonNull(id, "id"));
        return this;
    }

    /** How long a session lease lasts unless renewed; other instances recover a dead one's sessions after it. */
    public McpconnBuilder leaseDuration(Duration duration) {
        this.leaseDuration = Objects.requireNonNull(duration, "duration");
        return this;
    }

    /** How long to wait between connect attempts (default: 0.5 s doubling to 8 s). */
    public McpconnBuilder retryPolicy(RetryPolicy policy) {
        this.retries = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** How long to wait for another process's lock on the SQLite database (default: 5 s). */
    public McpconnBuilder busyTimeout(Duration timeout) {
        this.databaseOptions = databaseOptions.withBusyTimeout(timeout);
        return this;
    }

    /**
     * How api keys, URL credentials, secret headers and environment values are kept in the SQLite
     * database (default: as {@link #secretsEnvironment} says, which by default is sealed with the
     * key file beside the database, created owner-only on first use).
     */
    public McpconnBuilder secrets(SecretsAtRest atRest) {
        this.secrets = Optional.of(Objects.requireNonNull(atRest, "atRest"));
        return this;
    }

    /**
     * The settings secrets at rest are chosen from when {@link #secrets} is not given:
     * {@code MCPCONN_SECRETS}, {@code MCPCONN_SECRET_KEY}, {@code MCPCONN_SECRET_KEY_FILE}
     * (default: the process's environment).
     */
    public McpconnBuilder secretsEnvironment(Map<String, String> environment) {
        this.secretsEnvironment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        return this;
    }

    /**
     * Opens (and migrates) the database and wires everything.
     *
     * @throws io.mcpconn.infrastructure.sqlite.database.DatabaseUnavailableException if the SQLite database cannot be opened
     * @throws io.mcpconn.infrastructure.postgres.database.PostgresUnavailableException if the PostgreSQL database
     *     cannot be reached or refuses the credentials
     * @throws io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException if it cannot be migrated safely
     * @throws io.mcpconn.infrastructure.jdbc.secrets.SecretsConfigurationException if the keys for secrets at
     *     rest cannot be had as configured
     */
    public Mcpconn start() {
        var resources = new ArrayList<AutoCloseable>();
        McpConnectionRepository repository;
        SessionLeaseRepository leases;
        EventOutbox outbox;
        Optional<Path> createdKeyFile = Optional.empty();
        if (storage instanceof Storage.Sqlite sqlite) {
            var opened = SqliteDatabase.open(sqlite.file(), databaseOptions);
            resources.add(opened);
            try {
                if (migrateOnStart) {
                    new SchemaMigrator(opened).migrate();
                }
                var atRest = secrets;
                if (atRest.isEmpty()) {
                    var resolved = SecretsConfiguration.fromEnvironment(secretsEnvironment, opened.file());
                    createdKeyFile = resolved.createdKeyFile();
                    createdKeyFile.ifPresent(file -> LOG.info("created the secret key file {} (owner-only): it seals"
                            + " the secrets stored in {}; keep it, and back it up apart from the database", file,
                            opened.file()));
                    atRest = Optional.of(resolved.secrets());
                }
                repository = new SqliteMcpConnectionRepository(opened, atRest.get());
                leases = new SqliteSessionLeaseRepository(opened);
                outbox = new SqliteEventOutbox(opened);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        } else if (storage instanceof Storage.Postgres postgres) {
            // Keys first: a configuration that cannot seal should not leave a pool open.
            var atRest = secrets.orElseGet(() -> SecretsConfiguration.forSharedDatabase(secretsEnvironment).secrets());
            var opened = PostgresDatabase.open(postgres.options());
            resources.add(opened);
            try {
                if (migrateOnStart) {
                    new PostgresSchemaMigrator(opened).migrate();
                }
                repository = new PostgresMcpConnectionRepository(opened, atRest);
                leases = new PostgresSessionLeaseRepository(opened);
                outbox = new PostgresEventOutbox(opened);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        } else {
            var inMemory = new InMemoryMcpConnectionRepository();
            repository = inMemory;
            leases = new InMemorySessionLeaseRepository();
            outbox = inMemory.outbox();
        }
        var id = instance.orElseGet(McpconnBuilder::defaultInstance);
        var relay = events.map(listener -> new EventRelay(outbox, listener, id, clock, deliveryPolicy, eventClaim,
                eventRetention)).orElseGet(() -> EventRelay.notDelivering(outbox, id, clock));
        var registry = new SessionRegistry(id, leases, clock, leaseDuration);
        var mcpClient = client.orElseGet(() -> {
            // Made here, so closed here: after the sessions, with the database.
            var sdk = new SdkMcpClient();
            resources.add(0, sdk);
            return sdk;
        });
        var useCases = UseCases.wire(repository, relay, mcpClient,
                validator.orElseGet(NetworkntJsonSchemaValidator::new), registry, retries, clock);
        // Delivers what an earlier run (or a dead instance) left, then keeps looking.
        relay.start(eventPoll);
        return new Mcpconn(useCases, registry, relay, List.copyOf(resources), createdKeyFile);
    }

    private static InstanceId defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return InstanceId.random(host + "-" + ProcessHandle.current().pid(), new SecureRandom());
    }
}
