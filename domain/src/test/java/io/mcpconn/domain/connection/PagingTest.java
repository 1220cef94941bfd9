package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.domain.fixtures.DomainFixtures;
import io.mcpconn.domain.fixtures.TickingClock;
import io.mcpconn.domain.shared.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1, PageRequest.MAX_SIZE + 1})
    void page_sizes_outside_1_to_1000_are_refused(int size) {
        assertThatThrownBy(() -> PageRequest.first(size)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("between 1 and 1000");
    }

    @Test
    void page_sizes_of_exactly_1_and_1000_are_accepted() {
        assertThat(PageRequest.MAX_SIZE).isEqualTo(1000);
        var smallest = PageRequest.first(1);
        assertThat(smallest.size()).isEqualTo(1);
        assertThat(smallest.after()).isEmpty();

        var cursor = new PageCursor(Instant.parse("2025-11-12T13:30:00Z"), ConnectionId.of("c-1"));
        var largest = PageRequest.after(cursor, 1000);
        assertThat(largest.size()).isEqualTo(1000);
        assertThat(largest.after()).contains(cursor);
        assertThatThrownBy(() -> PageRequest.after(cursor, 1001)).isInstanceOf(InvalidValueException.class)
                .hasMessage("page size must be between 1 and 1000, but is 1001");
    }

    @Test
    void cursors_survive_their_text_form() {
        var cursor = new PageCursor(Instant.parse("2025-11-12T13:30:00.123456Z"), ConnectionId.of("test-uuid-123"));
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nonsense", "~abc", "2025-13-01T00:00:00Z~abc", "2025-11-12T13:30:00Z~bad id"})
    void foreign_cursor_text_is_refused_with_the_fix(String text) {
        assertThatThrownBy(() -> PageCursor.decode(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("pass the `next` value of the previous page");
    }

    @Test
    void a_cursor_precedes_older_connections_and_same_time_smaller_ids() {
        var clock = TickingClock.startingAt("2025-11-12T13:30:00Z");
        var older = DomainFixtures.disconnected(clock);
        var newer = DomainFixtures.disconnected(clock);
        var cursorAtNewer = PageCursor.after(newer);

        assertThat(cursorAtNewer.precedes(older)).isTrue();
        assertThat(cursorAtNewer.precedes(newer)).isFalse();
        assertThat(PageCursor.after(older).precedes(newer)).isFalse();

        var sameTime = new PageCursor(newer.createdAt(), ConnectionId.of("zzzz"));
        assertThat(sameTime.precedes(newer)).as("ids are lower case hex, below 'z'").isTrue();
    }

    @Test
    void pages_know_whether_another_follows() {
        assertThat(new Page<>(List.of("a"), Optional.empty()).hasNext()).isFalse();
        var cursor = new PageCursor(Instant.EPOCH, ConnectionId.of("a"));
        assertThat(new Page<>(List.of("a"), Optional.of(cursor)).hasNext()).isTrue();
    }
}
