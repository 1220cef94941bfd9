package io.mcpconn.infrastructure.mcp;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.mcpconn.application.tool.JsonSchemaValidator;
import io.mcpconn.domain.json.JsonValue;
import io.mcpconn.domain.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@link JsonSchemaValidator} port on networknt's json-schema-validator (the one the MCP SDK
 * brings). A schema's {@code $schema} picks its dialect (draft 4, 6, 7, 2019-09 or 2020-12);
 * without one it is read as draft 2020-12, as MCP specifies for tool schemas.
 *
 * <p>Schemas come from servers, so nothing they reference is fetched: a {@code $ref} to a URL is
 * reported as a problem of the schema instead of turning the client into a fetcher of arbitrary
 * URLs. Thread-safe; recently used schemas are kept compiled.
 */
public final class NetworkntJsonSchemaValidator implements JsonSchemaValidator {

    private static final int CACHED_SCHEMAS = 256;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final Map<JsonObject, Schema> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonObject, Schema> eldest) {
            return size() > CACHED_SCHEMAS;
        }
    };

    /** Made on the first check: a runtime that never calls a tool never loads the validator. */
    private static final class Registry {
        static final SchemaRegistry INSTANCE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    @Override
    public List<String> violations(JsonObject schema, JsonValue value) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(value, "value");
        List<Error> errors;
        try {
            errors = schema(schema).validate(JsonTrees.toJackson(value));
        } catch (RuntimeException e) {
            // An unusable schema is the server's fault; the caller learns why instead of meeting an exception.
            return List.of("$: the schema cannot be used to check values (" + FailureTranslator.detail(e)
                    + "); schemas that refer to other documents by URL are not supported");
        }
        var violations = new ArrayList<String>(errors.size());
        for (var error : errors) {
            violations.add(location(error) + ": " + error.getMessage());
        }
        return violations;
    }

    private Schema schema(JsonObject schema) {
        synchronized (compiled) {
            var known = compiled.get(schema);
            if (known != null) {
                return known;
            }
        }
        var fresh = Registry.INSTANCE.getSchema(JsonTrees.toJackson(schema));
        fresh.initializeValidators();
        synchronized (compiled) {
            compiled.put(schema, fresh);
        }
        return fresh;
    }

    // A JSONPath such as $.items[2].name; for a missing required property, the property itself.
    private static String location(Error error) {
        var path = new StringBuilder("$");
        NodePath at = error.getInstanceLocation();
        for (int i = 0; at != null && i < at.getNameCount(); i++) {
            append(path, at.getElement(i));
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            append(path, error.getProperty());
        }
        return path.toString();
    }

    private static void append(StringBuilder path, Object element) {
        if (element instanceof Integer) {
            path.append('[').append(element).append(']');
        } else if (PLAIN_NAME.matcher(String.valueOf(element)).matches()) {
            path.append('.').append(element);
        } else {
            path.append("['").append(String.valueOf(element).replace("'", "\\'")).append("']");
        }
    }
}
