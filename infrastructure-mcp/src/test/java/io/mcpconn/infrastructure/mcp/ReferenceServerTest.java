package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.mcp.McpSession;
import io.mcpconn.application.mcp.ToolContent;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import io.mcpconn.domain.tool.Tool;
import io.mcpconn.domain.tool.ToolCategory;
import io.mcpconn.testkit.servers.Processes;
import io.mcpconn.testkit.servers.RunningServer;
import io.mcpconn.testkit.servers.ServerEverything;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the MCP reference server, {@code @modelcontextprotocol/server-everything}, over stdio and Streamable HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceServerTest {

    private final SdkMcpClient client = new SdkMcpClient("test");
    private final Map<String, McpSession> sessions = new HashMap<>();
    private final Map<String, RecordingListener> listeners = new HashMap<>();
    private RunningServer http;

    @BeforeAll
    void open() {
        http = ServerEverything.startHttp();
        open("stdio", Configs.everything());
        open("http", Configs.http(http.url()));
    }

    private void open(String transport, io.mcpconn.domain.config.ConnectionConfig config) {
        var listener = new RecordingListener();
        listeners.put(transport, listener);
        sessions.put(transport, client.open(config, listener));
    }

    @AfterAll
    void close() {
        var stdio = (SdkMcpSession) sessions.get("stdio");
        var tree = stdio.processTree().orElseThrow().members();
        sessions.values().forEach(session -> assertThat(session.close().graceful()).isTrue());
        assertThat(Processes.awaitGone(tree, Duration.ofSeconds(1))).isEmpty();
        listeners.values().forEach(listener -> assertThat(listener.lost).isEmpty());
        http.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void initializesAndListsTheReferenceTools(String transport) {
        var session = sessions.get(transport);

        var tools = session.listTools();

        assertThat(session.server().name()).isEqualTo("mcp-servers/everything");
        assertThat(session.server().protocolVersion()).isNotBlank();
        assertThat(tools).hasSizeGreaterThanOrEqualTo(10);
        assertThat(tools).extracting(Tool::name).contains("echo", "get-sum", "get-structured-content").doesNotHaveDuplicates();
        var echo = tools.stream().filter(tool -> tool.name().equals("echo")).findFirst().orElseThrow();
        assertThat(echo.title()).contains("Echo Tool");
        assertThat(echo.category()).isEqualTo(ToolCategory.COMMUNICATION);
        assertThat(echo.annotations().readOnlyHint()).contains(true);
        // The schema arrives whole, its dialect included, for the validator to honour.
        assertThat(echo.inputSchema().get("$schema")).contains(JsonValue.string("http://json-schema.org/draft-07/schema#"));
        var structured = tools.stream().filter(tool -> tool.name().equals("get-structured-content")).findFirst().orElseThrow();
        assertThat(structured.outputSchema()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void callsEchoAndGetSum(String transport) {
        var session = sessions.get(transport);

        var echo = session.callTool("echo", args(Map.of("message", JsonValue.string("hello"))));
        var sum = session.callTool("get-sum", args(Map.of("a", JsonValue.number(1),
                "b", new JsonValue.JsonNumber(new BigDecimal("2.5")))));

        assertThat(echo.isError()).isFalse();
        assertThat(echo.text()).isEqualTo("Echo: hello");
        assertThat(sum.text()).isEqualTo("The sum of 1 and 2.5 is 3.5.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void returnsStructuredContent(String transport) {
        var result = sessions.get(transport).callTool("get-structured-content",
                args(Map.of("location", JsonValue.string("Chicago"))));

        assertThat(result.structuredContent()).contains(JsonValue.object(Map.of(
                "temperature", JsonValue.number(36),
                "conditions", JsonValue.string("Light rain / drizzle"),
                "humidity", JsonValue.number(82))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void answersAnUnknownToolWithAToolError(String transport) {
        var result = sessions.get(transport).callTool("no-such-tool", JsonObject.EMPTY);

        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("no-such-tool").contains("not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void mapsImagesAndResources(String transport) {
        var session = sessions.get(transport);

        var image = session.callTool("get-tiny-image", JsonObject.EMPTY);
        var links = session.callTool("get-resource-links", args(Map.of("count", JsonValue.number(2))));
        var embedded = session.callTool("get-resource-reference", JsonObject.EMPTY);

        assertThat(image.content()).filteredOn(ToolContent.Image.class::isInstance).singleElement()
                .satisfies(item -> assertThat(((ToolContent.Image) item).mimeType()).isEqualTo("image/png"));
        assertThat(links.content()).filteredOn(ToolContent.ResourceLink.class::isInstance).hasSize(2);
        assertThat(embedded.content()).filteredOn(ToolContent.EmbeddedResource.class::isInstance).singleElement()
                .satisfies(item -> assertThat(((ToolContent.EmbeddedResource) item).text()).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void answersPings(String transport) {
        sessions.get(transport).ping();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void checksArgumentsAgainstTheServersDraft07Schema(String transport) {
        var echo = sessions.get(transport).listTools().stream().filter(tool -> tool.name().equals("echo")).findFirst().orElseThrow();
        var validator = new NetworkntJsonSchemaValidator();

        assertThat(validator.violations(echo.inputSchema(), args(Map.of("message", JsonValue.string("hi"))))).isEmpty();
        assertThat(validator.violations(echo.inputSchema(), JsonObject.EMPTY))
                .singleElement().asString().startsWith("$.message: ");
        assertThat(validator.violations(echo.inputSchema(), args(Map.of("message", JsonValue.number(3)))))
                .singleElement().asString().startsWith("$.message: ").contains("string");
    }

    private static JsonObject args(Map<String, JsonValue> members) {
        return JsonValue.object(members);
    }
}
