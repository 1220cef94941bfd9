package io.mcpconn.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cursor stands after a row whose {@code created_at} another program filled with any text; the
 * adapters cut that text to {@value PageCursor#MAX_POSITION_LENGTH} characters as SQL counts them
 * (code points), so the cursor must accept what they cut, however many UTF-16 units it takes.
 */
class PageCursorPositionTest {

    @Test
    void a_position_of_forty_characters_outside_the_bmp_is_accepted_and_survives_encoding() {
        var position = "\ud83d\ude00".repeat(PageCursor.MAX_POSITION_LENGTH);
        var cursor = new PageCursor(position, ConnectionId.of(UUID.randomUUID().toString()));

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }
}
