package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NetworkntJsonSchemaValidatorTest {

    private final NetworkntJsonSchemaValidator validator = new NetworkntJsonSchemaValidator();

    @Test
    void acceptsAValidValue() {
        assertThat(validator.violations(schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}}"),
                value("{\"a\":1.5}"))).isEmpty();
    }

    @Test
    void namesTheMissingPropertyAndTheWrongOnes() {
        var schema = schema("{\"type\":\"object\",\"required\":[\"message\"],\"properties\":{"
                + "\"message\":{\"type\":\"string\"},"
                + "\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":3}}}},"
                + "\"odd key\":{\"type\":\"boolean\"}}}");

        var violations = validator.violations(schema, value("{\"items\":[{\"n\":5},{\"n\":1}],\"odd key\":\"yes\"}"));

        assertThat(violations).hasSize(3)
                .anySatisfy(v -> assertThat(v).startsWith("$.message: ").contains("required"))
                .anySatisfy(v -> assertThat(v).startsWith("$.items[1].n: ").contains("minimum"))
                .anySatisfy(v -> assertThat(v).startsWith("$['odd key']: ").contains("boolean"));
    }

    @Test
    void readsASchemaWithoutDialectAsDraft202012() {
        // prefixItems exists from 2020-12 on; an older dialect would ignore it.
        var schema = schema("{\"type\":\"object\",\"properties\":{\"pair\":{\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}]}}}");

        assertThat(validator.violations(schema, value("{\"pair\":[1]}"))).singleElement().asString().startsWith("$.pair[0]: ");
    }

    @Test
    void honoursTheSchemasDialect() {
        // In draft 4, exclusiveMinimum is a boolean that makes minimum exclusive; 2020-12 would reject the schema's meaning.
        var draft4 = schema("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\","
                + "\"properties\":{\"a\":{\"type\":\"number\",\"minimum\":3,\"exclusiveMinimum\":true}}}");
        var draft7 = schema("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                + "\"properties\":{\"pair\":{\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}]}}}");

        assertThat(validator.violations(draft4, value("{\"a\":3}"))).singleElement().asString().startsWith("$.a: ");
        assertThat(validator.violations(draft4, value("{\"a\":3.5}"))).isEmpty();
        // Draft 7 does not know prefixItems, so it constrains nothing there.
        assertThat(validator.violations(draft7, value("{\"pair\":[1]}"))).isEmpty();
    }

    @Test
    void fetchesNothingASchemaRefersTo() throws Exception {
        var requests = new AtomicInteger();
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            var body = "{\"type\":\"string\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var schema = schema("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/remote.json\"}}}");

            var violations = validator.violations(schema, value("{\"a\":1}"));

            assertThat(violations).singleElement().asString().startsWith("$: the schema cannot be used");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    private JsonObject schema(String text) {
        return (JsonObject) value(text);
    }

    private JsonValue value(String text) {
        try {
            return JsonTrees.toDomain(new ObjectMapper().readTree(text));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
