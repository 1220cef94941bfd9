package io.mcpconn.infrastructure.sqlite.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoredTimestampsTest {

    @Test
    void writes_the_python_services_format_in_utc() {
        assertThat(StoredTimestamps.format(Instant.parse("2025-11-12T13:30:00.123456Z"))).isEqualTo("2025-11-12 13:30:00.123456");
        assertThat(StoredTimestamps.format(Instant.parse("2025-11-12T13:30:00Z"))).isEqualTo("2025-11-12 13:30:00.000000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2025-11-12 13:30:00.123456       | 2025-11-12T13:30:00.123456Z
            2025-11-12 13:30:00              | 2025-11-12T13:30:00Z
            2025-11-12T13:30:00.5            | 2025-11-12T13:30:00.5Z
            2025-11-12T13:30:00Z             | 2025-11-12T13:30:00Z
            2025-11-12T15:30:00+02:00        | 2025-11-12T13:30:00Z
            2025-11-12 15:30:00.000001+0200  | 2025-11-12T13:30:00.000001Z
            """)
    void reads_every_form_other_writers_use(String stored, String expected) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void refuses_what_is_not_a_time() {
        assertThatThrownBy(() -> StoredTimestamps.parse("12/11/2025")).isInstanceOf(DateTimeParseException.class);
    }
}
