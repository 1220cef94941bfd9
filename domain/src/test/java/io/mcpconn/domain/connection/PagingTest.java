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

        var cursor = PageCursor.at(Instant.parse("2025-11-12T13:30:00Z"), ConnectionId.of("c-1"));
        var largest = PageRequest.after(cursor, 1000);
        assertThat(largest.size()).isEqualTo(1000);
        assertThat(largest.after()).contains(cursor);
        assertThatThrownBy(() -> PageRequest.after(cursor, 1001)).isInstanceOf(InvalidValueException.class)
                .hasMessage("page size must be between 1 and 1000, but is 1001");
    }

    @Test
    void cursors_survive_their_text_form_which_is_opaque_and_url_safe() {
        var cursor = PageCursor.at(Instant.parse("2025-11-12T13:30:00.123456Z"), ConnectionId.of("test-uuid-123"));
        assertThat(cursor.position()).isEqualTo("2025-11-12 13:30:00.123456");
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        // The position of a row whose stored time is unreadable is the text it sorts by.
        var pastGarbage = new PageCursor("yesterday ünïcode", ConnectionId.of("x"));
        assertThat(PageCursor.decode(pastGarbage.encode())).isEqualTo(pastGarbage);
        var empty = new PageCursor("", ConnectionId.of("x"));
        assertThat(PageCursor.decode(empty.encode())).isEqualTo(empty);
    }

    @Test
    void positions_are_bounded_and_well_formed() {
        assertThat(new PageCursor("p".repeat(PageCursor.MAX_POSITION_LENGTH), ConnectionId.of("x")).position())
                .hasSize(40);
        assertThatThrownBy(() -> new PageCursor("p".repeat(41), ConnectionId.of("x")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("page cursor position must be at most 40 characters, but has 41");
        assertThatThrownBy(() -> new PageCursor("\uD800", ConnectionId.of("x"))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new PageCursor("p", null)).isInstanceOf(NullPointerException.class);
    }

    static java.util.stream.Stream<String> foreignCursors() {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        return java.util.stream.Stream.of("", "nonsense!", "~abc", "2025-11-12T13:30:00Z~abc",
                encoder.encodeToString("no newline".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                encoder.encodeToString("2025\nbad id".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                encoder.encodeToString(("p".repeat(41) + "\nabc").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                encoder.encodeToString(new byte[] {(byte) 0xC3, 0x0A, 0x61}));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("foreignCursors")
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

        var sameTime = PageCursor.at(newer.createdAt(), ConnectionId.of("zzzz"));
        assertThat(sameTime.precedes(newer)).as("ids are lower case hex, below 'z'").isTrue();
    }

    @Test
    void pages_know_whether_another_follows() {
        assertThat(new Page<>(List.of("a"), Optional.empty()).hasNext()).isFalse();
        var cursor = PageCursor.at(Instant.EPOCH, ConnectionId.of("a"));
        assertThat(new Page<>(List.of("a"), Optional.of(cursor)).hasNext()).isTrue();
        assertThat(new Page<>(List.of("a"), Optional.of(cursor)).unreadable()).isEmpty();
    }

    @Test
    void pages_report_unreadable_rows_in_words_that_name_the_row_the_column_and_the_repair() {
        var unreadable = new UnreadableConnection("test-uuid-123", "created_at", "holds 'yesterday', which is not a UTC time",
                "correct it with an UPDATE");
        var page = new Page<>(List.of("a"), List.of(unreadable), Optional.empty());
        assertThat(page.unreadable()).containsExactly(unreadable);
        assertThat(unreadable.describe()).isEqualTo("stored connection test-uuid-123 cannot be read: column created_at"
                + " holds 'yesterday', which is not a UTC time. Other connections are not affected; correct it with an UPDATE");
        var failure = new UnreadableConnectionException(unreadable);
        assertThat(failure).hasMessage(unreadable.describe());
        assertThat(failure.unreadable()).isEqualTo(unreadable);
        assertThatThrownBy(() -> new UnreadableConnection(null, "c", "p", "r")).isInstanceOf(NullPointerException.class);
    }
}
