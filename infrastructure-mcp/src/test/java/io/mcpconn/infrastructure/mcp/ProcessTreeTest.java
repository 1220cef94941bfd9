package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.testkit.servers.Processes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ending a process tree where no process group helps (as on macOS, where there is no setsid). */
class ProcessTreeTest {

    @Test
    void endsTheDescendantsCollectedBeforeTheParentDies() throws Exception {
        // sh dies on SIGTERM; its child ignores it (inherited SIG_IGN) and would be orphaned.
        var process = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 60 & trap - TERM; wait").start();
        var tree = new ProcessTree(process, false);
        RecordingListener.await(() -> tree.members().size() == 2, Duration.ofSeconds(5));
        List<ProcessHandle> members = tree.members();

        int killed = tree.terminate(members, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(members).hasSize(2);
        assertThat(killed).isEqualTo(1);
        assertThat(Processes.awaitGone(members, Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void readsTheProcessGroupOfAProcess() {
        var self = ProcessHandle.current().pid();

        assertThat(ProcessTree.processGroup(self)).isPresent();
    }
}
