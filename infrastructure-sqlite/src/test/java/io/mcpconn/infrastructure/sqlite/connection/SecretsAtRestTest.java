package io.mcpconn.infrastructure.sqlite.connection;

import static io.mcpconn.testkit.fixtures.McpConnections.AGENT;
import static io.mcpconn.testkit.fixtures.McpConnections.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.jdbc.connection.ResealRefusedException;
import io.mcpconn.infrastructure.jdbc.connection.SecretResealing;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.mcpconn.domain.config.HttpTransport;
import io.mcpconn.domain.config.StdioTransport;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.ServerName;
import io.mcpconn.domain.connection.UnreadableConnectionException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.infrastructure.jdbc.secrets.KeyFile;
import io.mcpconn.infrastructure.jdbc.secrets.SecretKeyRing;
import io.mcpconn.infrastructure.jdbc.secrets.SecretsAtRest;
import io.mcpconn.testkit.fixtures.TickingClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Api keys, URL credentials, secret headers, stdio environment values and secret arguments are
 * sealed at rest: not one of them can be found in the bytes of the database, its write-ahead log
 * or a backup, and each opens only with its key, in its own row and field.
 */
class SecretsAtRestTest {

    private static final String API_KEY = "sk-live-apikey-7f3a9c";
    private static final String URL_PASSWORD = "hunter2-urlpass";
    private static final String URL_TOKEN = "tok-query-51be";
    private static final String HEADER_SECRET = "hdr-secret-c0ffee";
    private static final String ENV_SECRET = "ghp_envsecret_8d2e";
    private static final String ARG_SECRET = "arg-secret-4411";
    private static final List<String> SECRETS = List.of(API_KEY, URL_PASSWORD, URL_TOKEN, HEADER_SECRET, ENV_SECRET,
            ARG_SECRET);

    @TempDir
    Path directory;

    private final TickingClock clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
    private SqliteDatabase database;
    private Path file;

    @BeforeEach
    void open() {
        file = directory.resolve("tmws.db");
        database = SqliteDatabase.open(file);
        new SchemaMigrator(database).migrate();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static SecretsAtRest sealed(SecretKeyRing ring) {
        return SecretsAtRest.sealed(ring, "the test's keys");
    }

    private McpConnection http() {
        var transport = HttpTransport.of("https://agent:" + URL_PASSWORD + "@mcp.example.com/mcp?token=" + URL_TOKEN)
                .withHeader("X-Api-Key", HEADER_SECRET).withHeader("X-Trace", "visible-trace");
        return McpConnection.register(ServerName.of("remote"), NAMESPACE, AGENT,
                ConnectionConfig.of(transport).withApiKey(ApiKey.of(API_KEY).inHeader("X-Key")), clock.instant());
    }

    private McpConnection stdio() {
        return McpConnection.register(ServerName.of("local"), NAMESPACE, AGENT, ConnectionConfig.of(new StdioTransport(
                "npx", List.of("-y", "server", "--token=" + ARG_SECRET, "--verbose"), Map.of("GITHUB_TOKEN", ENV_SECRET),
                Optional.empty())), clock.instant());
    }

    private List<String> secretsFoundIn(Path... files) throws Exception {
        var found = new ArrayList<String>();
        for (var path : files) {
            if (!Files.exists(path)) {
                continue;
            }
            var bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            SECRETS.stream().filter(bytes::contains).forEach(secret -> found.add(path.getFileName() + ": " + secret));
        }
        return found;
    }

    private Path backup() throws Exception {
        var copy = directory.resolve("copy.db");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, copy.toString());
            statement.execute();
        }
        return copy;
    }

    private String configJson(McpConnection connection) {
        return database.read(dsl -> dsl.fetchValue("SELECT config_json FROM mcp_connections WHERE id = ?",
                connection.id().value())).toString();
    }

    @Test
    void no_secret_can_be_found_in_the_database_its_log_or_a_backup_and_every_one_reads_back() throws Exception {
        var keys = SecretKeyRing.of(KeyFile.newKey());
        var repository = new SqliteMcpConnectionRepository(database, sealed(keys));
        var http = http();
        var stdio = stdio();
        repository.save(http);
        repository.save(stdio);

        assertThat(repository.findById(NAMESPACE, http.id()).orElseThrow().snapshot()).isEqualTo(http.snapshot());
        assertThat(repository.findById(NAMESPACE, stdio.id()).orElseThrow().snapshot()).isEqualTo(stdio.snapshot());
        assertThat(secretsFoundIn(file, directory.resolve("tmws.db-wal"), backup())).isEmpty();

        var prefix = "enc:v1:" + keys.current().id() + ":";
        assertThat(configJson(http)).contains("\"api_key\":\"" + prefix, "\"url\":\"" + prefix,
                "\"X-Api-Key\":\"" + prefix, "\"X-Trace\":\"visible-trace\"", "\"api_key_header\":\"X-Key\"");
        assertThat(configJson(stdio)).contains("\"GITHUB_TOKEN\":\"" + prefix, "\"args\":[\"-y\",\"server\",\"" + prefix,
                "\"--verbose\"]", "\"command\":\"npx\"");
        // Without sealing, the same bytes would hold every one of them: the search can find them.
        var plain = new SqliteMcpConnectionRepository(database, SecretsAtRest.plaintext(Optional.of(keys), "test"));
        var reloaded = plain.findById(NAMESPACE, http.id()).orElseThrow();
        reloaded.reconfigure(reloaded.config().withTimeout(java.time.Duration.ofSeconds(31)), clock.instant());
        plain.save(reloaded);
        database.checkpoint();
        assertThat(secretsFoundIn(file)).contains("tmws.db: " + API_KEY, "tmws.db: " + HEADER_SECRET);
    }

    @Test
    void a_plaintext_key_written_by_the_python_service_is_read_and_sealed_at_the_next_save() throws Exception {
        var keys = SecretKeyRing.of(KeyFile.newKey());
        var plain = new SqliteMcpConnectionRepository(database, SecretsAtRest.plaintext(Optional.empty(), "none"));
        var http = http();
        plain.save(http);
        assertThat(configJson(http)).contains(API_KEY);

        var repository = new SqliteMcpConnectionRepository(database, sealed(keys));
        var read = repository.findById(NAMESPACE, http.id()).orElseThrow();
        assertThat(read.config()).isEqualTo(http.config());
        read.startConnecting(clock.instant());
        repository.save(read);

        assertThat(configJson(http)).doesNotContain(API_KEY, URL_PASSWORD, HEADER_SECRET);
        database.checkpoint();
        assertThat(secretsFoundIn(file, directory.resolve("tmws.db-wal"))).as("nothing of the plaintext is left in the file")
                .isEmpty();
    }

    @Test
    void a_missing_wrong_or_moved_key_is_an_unreadable_row_naming_the_connection_never_garbage() {
        var keys = SecretKeyRing.of(KeyFile.newKey());
        var repository = new SqliteMcpConnectionRepository(database, sealed(keys));
        var http = http();
        var stdio = stdio();
        repository.save(http);
        repository.save(stdio);

        var other = SecretKeyRing.of(KeyFile.newKey());
        assertThatThrownBy(() -> new SqliteMcpConnectionRepository(database, sealed(other)).findById(NAMESPACE, http.id()))
                .isInstanceOfSatisfying(UnreadableConnectionException.class, e -> {
                    assertThat(e.unreadable().storedId()).isEqualTo(http.id().value());
                    assertThat(e.unreadable().column()).isEqualTo("config_json");
                })
                .hasMessageContaining("stored connection " + http.id() + " cannot be read: column config_json holds a"
                        + " sealed secret that cannot be opened: ")
                .hasMessageContaining("is sealed with key " + keys.current().id() + ", which is not among the keys at"
                        + " hand (keys " + other.current().id() + " from the test's keys)")
                .hasMessageContaining("configure the key that sealed it (MCPCONN_SECRET_KEY_FILE or MCPCONN_SECRET_KEY)");
        assertThatThrownBy(() -> new SqliteMcpConnectionRepository(database,
                SecretsAtRest.plaintext(Optional.empty(), "no key configured")).findById(NAMESPACE, stdio.id()))
                .hasMessageContaining("args.2 is sealed with key " + keys.current().id()
                        + ", which is not among the keys at hand (none: no key configured)");

        var sealedKey = database.read(dsl -> dsl.fetchValue("SELECT json_extract(config_json, '$.api_key') FROM"
                + " mcp_connections WHERE id = ?", http.id().value())).toString();
        var altered = sealedKey.substring(0, sealedKey.length() - 2) + (sealedKey.endsWith("A") ? "BB" : "AA");
        database.write(dsl -> dsl.execute("UPDATE mcp_connections SET config_json = json_set(config_json, '$.api_key', ?)"
                + " WHERE id = ?", altered, http.id().value()));
        assertThatThrownBy(() -> repository.findById(NAMESPACE, http.id())).isInstanceOf(UnreadableConnectionException.class)
                .hasMessageContaining("api_key does not open with key " + keys.current().id() + ": the value was altered,"
                        + " or copied from another row or field");

        // A sealed value moved to another row does not open there: the row id is bound to it.
        var intoStdio = McpConnection.register(ServerName.of("local2"), NAMESPACE, AGENT,
                ConnectionConfig.http("http://localhost:8080/mcp").withApiKey(ApiKey.of("placeholder-key")), clock.instant());
        repository.save(intoStdio);
        database.write(dsl -> dsl.execute("UPDATE mcp_connections SET config_json = json_set(config_json, '$.api_key', ?)"
                + " WHERE id = ?", sealedKey, intoStdio.id().value()));
        assertThatThrownBy(() -> repository.findById(NAMESPACE, intoStdio.id()))
                .hasMessageContaining("api_key does not open with key " + keys.current().id());
    }

    @Test
    void resealing_after_a_rotation_moves_every_secret_to_the_new_key_and_leaves_no_plaintext_behind() throws Exception {
        var old = SecretKeyRing.of(KeyFile.newKey());
        new SqliteMcpConnectionRepository(database, SecretsAtRest.plaintext(Optional.empty(), "none")).save(http());
        var stdio = stdio();
        new SqliteMcpConnectionRepository(database, sealed(old)).save(stdio);
        database.write(dsl -> dsl.execute("INSERT INTO mcp_connections (id, server_name, namespace, agent_id, config_json)"
                + " VALUES ('broken-row', 'broken', 'test-namespace', 'test-agent', '{oops')"));

        var rotated = old.rotatedTo(KeyFile.newKey());
        var result = SecretResealing.reseal(database, sealed(rotated));
        database.checkpoint();

        assertThat(result.resealed()).isEqualTo(2);
        assertThat(result.skipped()).extracting(row -> row.storedId()).containsExactly("broken-row");
        assertThat(secretsFoundIn(file, directory.resolve("tmws.db-wal"))).isEmpty();
        var onlyNew = new SqliteMcpConnectionRepository(database, sealed(SecretKeyRing.of(rotated.current())));
        assertThat(onlyNew.findById(NAMESPACE, stdio.id()).orElseThrow().config()).isEqualTo(stdio.config());
        assertThat(onlyNew.findById(NAMESPACE, stdio.id()).orElseThrow().version()).as("bumped by V4's trigger")
                .isEqualTo(2);
        assertThat(configJson(stdio)).doesNotContain(old.current().id()).contains(rotated.current().id());

        assertThatThrownBy(() -> SecretResealing.reseal(database, sealed(SecretKeyRing.of(KeyFile.newKey()))))
                .isInstanceOfSatisfying(ResealRefusedException.class, e -> assertThat(e.connections()).hasSize(2))
                .hasMessageContaining("nothing was changed");
        assertThat(onlyNew.findById(NAMESPACE, stdio.id())).isPresent();
    }
}
