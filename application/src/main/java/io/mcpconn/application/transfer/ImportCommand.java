package io.mcpconn.application.transfer;

import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import java.util.List;
import java.util.Objects;

/**
 * Ask to register every server of a configuration file for an agent.
 *
 * @param namespace      the tenant
 * @param owner          the agent the new connections belong to
 * @param entries        the servers, in file order
 * @param updateExisting whether a server whose name exists with another configuration is
 *                       reconfigured (otherwise it is skipped)
 * @param dryRun         whether to only say what would be done
 */
public record ImportCommand(Namespace namespace, AgentId owner, List<ImportEntry> entries, boolean updateExisting,
                            boolean dryRun) {

    public ImportCommand {
        Objects.requireNonNull(namespace, "namespace is required but was missing");
        Objects.requireNonNull(owner, "owner is required but was missing");
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
}
