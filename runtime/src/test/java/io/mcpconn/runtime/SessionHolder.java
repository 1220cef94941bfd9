package io.mcpconn.runtime;

import io.mcpconn.application.connect.ConnectCommand;
import io.mcpconn.application.connection.ConnectionRef;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.domain.tenancy.Namespace;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A runtime instance in a process of its own, for tests that kill it: it connects one connection
 * of a shared database, says so on its standard output, and then holds the session until killed.
 */
public final class SessionHolder {

    private SessionHolder() {
    }

    /** {@code <database> <namespace> <connection name> <instance id> <lease millis>} */
    public static void main(String[] args) throws InterruptedException {
        var mcp = Mcpconn.sqlite(Path.of(args[0])).instanceId(InstanceId.of(args[3]))
                .leaseDuration(Duration.ofMillis(Long.parseLong(args[4]))).start();
        mcp.connect().handle(new ConnectCommand(Namespace.of(args[1]), ConnectionRef.named(args[2])));
        System.out.println("HOLDING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
