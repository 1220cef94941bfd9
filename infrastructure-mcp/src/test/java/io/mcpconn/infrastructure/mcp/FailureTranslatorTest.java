package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.application.mcp.McpClientException.Reason;
import io.mcpconn.domain.config.ApiKey;
import io.mcpconn.domain.config.ConnectionConfig;
import io.modelcontextprotocol.spec.McpError;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Failures no test server can cause on this machine (name resolution would leave it), worded all the same. */
class FailureTranslatorTest {

    private static final String KEY = "sk-translator-secret";

    private final FailureTranslator errors = new FailureTranslator(
            ConnectionConfig.http("https://mcp.example.com/mcp").withTimeout(Duration.ofMillis(2500)).withApiKey(ApiKey.of(KEY)));

    @Test
    void anUnknownHostIsUnreachable() {
        var failure = errors.translate("list its tools", new CompletionException(new UnknownHostException("mcp.example.com")));

        assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(failure).hasMessageContaining("host").hasMessageContaining("https://mcp.example.com/mcp");
    }

    @Test
    void aConnectTimeoutSaysWhichTimeoutAndItsValue() {
        var failure = errors.translate("answer a ping", new HttpConnectTimeoutException("HTTP connect timed out"));

        assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(failure).hasMessageContaining("could not connect").hasMessageContaining("timeout of 2.5 s");
    }

    @Test
    void aJsonRpcErrorIsAServerErrorWithoutTheSecretsItEchoes() {
        var rpc = McpError.builder(-32001).message("key " + KEY + " is revoked").build();

        var failure = errors.translate("call the tool \"x\"", rpc);

        assertThat(failure.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(failure).hasMessageContaining("-32001").hasMessageContaining("key " + ApiKey.MASK + " is revoked");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
        }
    }

    @Test
    void aJsonRpcErrorToInitializeIsAProtocolProblem() {
        var failure = errors.translate(SdkMcpSession.INITIALIZE, McpError.builder(-32602).message("Unsupported protocol version").build());

        assertThat(failure.reason()).isEqualTo(Reason.PROTOCOL);
    }
}
