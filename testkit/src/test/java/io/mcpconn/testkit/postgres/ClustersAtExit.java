package io.mcpconn.testkit.postgres;

/**
 * A JVM that starts the shared cluster and one of its own, never stops either, and exits: the
 * shutdown hooks must stop both. Prints each cluster's directory and port.
 */
public final class ClustersAtExit {

    private ClustersAtExit() {
    }

    public static void main(String[] args) {
        var shared = PostgresServer.shared();
        var own = PostgresServer.start();
        for (var server : new PostgresServer[] {shared, own}) {
            server.psql("postgres", "select 1");
            System.out.println(server.directory() + " " + server.port());
        }
    }
}
