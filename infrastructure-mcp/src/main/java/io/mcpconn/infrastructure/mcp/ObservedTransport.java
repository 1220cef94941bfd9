package io.mcpconn.infrastructure.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * A transport that reports what the session needs to know before the SDK sees it: the server's
 * {@code notifications/tools/list_changed}, and the transport's own failures. It also redacts the
 * message and the data of every JSON-RPC error the server sends, since servers echo what they
 * were sent (in either) and the SDK logs such errors, data included, at INFO level.
 *
 * <p>Why not the SDK's {@code toolsChangeConsumer}: in 2.1.0 the client answers every such
 * notification by listing all tools itself, following {@code nextCursor} without any guard, and
 * only then calls the consumer. A server that repeats a cursor makes that loop forever, and a
 * listing nobody reads costs a round trip per page; the application lists again anyway. So the
 * notification is taken here and not passed on.
 */
final class ObservedTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    private final Runnable toolsChanged;
    private final Consumer<Throwable> failed;
    private final UnaryOperator<String> redact;

    ObservedTransport(McpClientTransport delegate, Runnable toolsChanged, Consumer<Throwable> failed,
                      UnaryOperator<String> redact) {
        this.delegate = delegate;
        this.toolsChanged = toolsChanged;
        this.failed = failed;
        this.redact = redact;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return delegate.connect(inbound -> handler.apply(inbound.filter(this::passOn).map(this::redacted)));
    }

    private JSONRPCMessage redacted(JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCResponse) || ((McpSchema.JSONRPCResponse) message).error() == null) {
            return message;
        }
        var response = (McpSchema.JSONRPCResponse) message;
        var error = response.error();
        var text = error.message() == null ? null : redact.apply(error.message());
        return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), response.result(),
                new McpSchema.JSONRPCResponse.JSONRPCError(error.code(), text, redactedData(error.data())));
    }

    // The data as the SDK parsed it: maps, lists, strings, numbers, booleans, nesting as deep as the server likes.
    private Object redactedData(Object data) {
        if (data instanceof String text) {
            return redact.apply(text);
        }
        if (data instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((key, value) -> copy.put(redactedData(key), redactedData(value)));
            return copy;
        }
        if (data instanceof Collection<?> items) {
            var copy = new ArrayList<Object>(items.size());
            items.forEach(item -> copy.add(redactedData(item)));
            return copy;
        }
        if (data == null || data instanceof Number || data instanceof Boolean) {
            return data;
        }
        return redact.apply(String.valueOf(data));
    }

    private boolean passOn(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCNotification
                && McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(((McpSchema.JSONRPCNotification) message).method())) {
            toolsChanged.run();
            return false;
        }
        return true;
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(failure -> {
            failed.accept(failure);
            handler.accept(failure);
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
