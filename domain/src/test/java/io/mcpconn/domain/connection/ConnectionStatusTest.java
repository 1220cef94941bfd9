package io.mcpconn.domain.connection;

import static io.mcpconn.domain.connection.ConnectionStatus.ACTIVE;
import static io.mcpconn.domain.connection.ConnectionStatus.CONNECTING;
import static io.mcpconn.domain.connection.ConnectionStatus.DISCONNECTED;
import static io.mcpconn.domain.connection.ConnectionStatus.DISCONNECTING;
import static io.mcpconn.domain.connection.ConnectionStatus.ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectionStatusTest {

    @Test
    void the_transition_table_is_the_one_of_the_design() {
        assertThat(ConnectionStatus.transitionTable()).isEqualTo(Map.of(
                DISCONNECTED, Set.of(CONNECTING),
                CONNECTING, Set.of(ACTIVE, ERROR, DISCONNECTED),
                ACTIVE, Set.of(DISCONNECTING, DISCONNECTED, ERROR),
                DISCONNECTING, Set.of(DISCONNECTED),
                ERROR, Set.of(DISCONNECTED, CONNECTING)));
    }

    @Test
    void exactly_the_statuses_between_connecting_and_disconnecting_claim_a_session() {
        assertThat(Set.of(ConnectionStatus.values())).filteredOn(ConnectionStatus::hasSession)
                .containsExactlyInAnyOrder(CONNECTING, ACTIVE, DISCONNECTING);
    }

    @Test
    void new_connections_start_disconnected() {
        assertThat(ConnectionStatus.initial()).isEqualTo(DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(ConnectionStatus.class)
    void can_transition_to_agrees_with_allowed_transitions(ConnectionStatus from) {
        for (var to : ConnectionStatus.values()) {
            assertThat(from.canTransitionTo(to)).isEqualTo(from.allowedTransitions().contains(to));
        }
        assertThat(from.canTransitionTo(from)).as("no status leads to itself").isFalse();
    }

    @Test
    void the_table_cannot_be_changed_from_outside() {
        assertThatThrownBy(() -> ACTIVE.allowedTransitions().add(CONNECTING))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ConnectionStatus.transitionTable().remove(ACTIVE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void storage_names_are_the_seeds_lower_case_names() {
        assertThat(ConnectionStatus.values()).extracting(ConnectionStatus::storageName)
                .containsExactly("disconnected", "connecting", "active", "disconnecting", "error");
    }

    @ParameterizedTest
    @EnumSource(ConnectionStatus.class)
    void storage_names_read_back(ConnectionStatus status) {
        assertThat(ConnectionStatus.fromStorageName(status.storageName())).contains(status);
        assertThat(ConnectionStatus.fromStorageName(" " + status.name() + " ")).contains(status);
    }

    @Test
    void unknown_storage_names_are_absent() {
        assertThat(ConnectionStatus.fromStorageName("connected")).isEmpty();
        assertThat(ConnectionStatus.fromStorageName("")).isEmpty();
    }

    @Test
    void stored_names_are_read_with_ascii_case_and_ascii_blanks_only_as_sql_lower_and_trim_match_them() {
        assertThat(ConnectionStatus.fromStorageName("\t ACTIVE\n\r\f\u000B")).contains(ConnectionStatus.ACTIVE);
        assertThat(ConnectionStatus.fromStorageName("Error")).contains(ConnectionStatus.ERROR);
        assertThat(ConnectionStatus.STORAGE_BLANKS).isEqualTo(" \t\n\r\f\u000B");
        // Java folds these to ASCII letters or strips them; SQLite's lower() and trim() do not.
        assertThat(ConnectionStatus.fromStorageName("ACT\u0131VE")).as("dotless i").isEmpty();
        assertThat(ConnectionStatus.fromStorageName("\u2003active")).as("em space").isEmpty();
        assertThat(ConnectionStatus.fromStorageName("active\u00A0")).as("no-break space").isEmpty();
        assertThat(ConnectionStatus.fromStorageName("   ")).isEmpty();
    }
}
