package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** What reaches the SDK's client from the server, fed in directly: the transport underneath is a stand-in. */
class ObservedTransportTest {

    private final Inbound inbound = new Inbound();
    private final AtomicInteger toolsChanged = new AtomicInteger();
    private final List<JSONRPCMessage> delivered = new ArrayList<>();
    private final ObservedTransport transport = new ObservedTransport(inbound, toolsChanged::incrementAndGet, failure -> { },
            text -> text.replace("s3cr3t-value", "****"));

    @Test
    void takesToolChangesAndPassesTheRest() {
        transport.connect(messages -> messages.doOnNext(delivered::add)).block();
        var ping = new McpSchema.JSONRPCRequest(McpSchema.METHOD_PING, "1", null);

        inbound.receive(new McpSchema.JSONRPCNotification(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null));
        inbound.receive(ping);

        assertThat(toolsChanged).hasValue(1);
        assertThat(delivered).containsExactly(ping);
    }

    @Test
    void redactsTheMessagesOfErrorsTheServerSends() {
        transport.connect(messages -> messages.doOnNext(delivered::add)).block();

        inbound.receive(McpSchema.JSONRPCResponse.error("7",
                new McpSchema.JSONRPCResponse.JSONRPCError(-32001, "key s3cr3t-value is revoked", null)));

        var error = ((McpSchema.JSONRPCResponse) delivered.get(0)).error();
        assertThat(error.message()).isEqualTo("key **** is revoked");
        assertThat(error.code()).isEqualTo(-32001);
    }

    @Test
    void redactsTheDataOfErrorsTheServerSendsToo() {
        transport.connect(messages -> messages.doOnNext(delivered::add)).block();
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("authorization", "Bearer s3cr3t-value");
        data.put("attempts", 2);
        data.put("echo", List.of("x", java.util.Map.of("s3cr3t-value", List.of("s3cr3t-value", true))));

        inbound.receive(McpSchema.JSONRPCResponse.error("7",
                new McpSchema.JSONRPCResponse.JSONRPCError(-32001, "refused", data)));

        var error = ((McpSchema.JSONRPCResponse) delivered.get(0)).error();
        assertThat(String.valueOf(error.data())).doesNotContain("s3cr3t-value")
                .isEqualTo("{authorization=Bearer ****, attempts=2, echo=[x, {****=[****, true]}]}");
    }

    /** Hands the server's messages to whatever handler the transport under test registered. */
    private static final class Inbound implements McpClientTransport {

        private Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler;

        void receive(JSONRPCMessage message) {
            handler.apply(Mono.just(message)).block();
        }

        @Override
        public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
            this.handler = handler;
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.empty();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            throw new UnsupportedOperationException();
        }
    }
}
