package io.mcpconn.domain.tenancy;

import io.mcpconn.domain.shared.Checks;

/**
 * The agent that owns a connection; only the owner may delete it.
 *
 * @param value 1 to 255 characters, not blank, no control characters
 */
public record AgentId(String value) {

    /** Longest id the seed's {@code agent_id VARCHAR(255)} column holds. */
    public static final int MAX_LENGTH = 255;

    public AgentId {
        Checks.text(value, "agent id", MAX_LENGTH);
    }

    /** The agent with id {@code value}. */
    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
