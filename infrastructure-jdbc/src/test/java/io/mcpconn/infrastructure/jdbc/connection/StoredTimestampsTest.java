package io.mcpconn.infrastructure.jdbc.connection;

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
        assertThat(StoredTimestamps.format(Instant.parse("0987-01-02T03:04:05.000006999Z"))).isEqualTo("0987-01-02 03:04:05.000006");
        assertThat(StoredTimestamps.format(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31 23:59:59.999999");
        assertThat(StoredTimestamps.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01 00:00:00.000000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2025-11-12 13:30:00.123456       | 2025-11-12T13:30:00.123456Z
            2025-11-12 13:30:00              | 2025-11-12T13:30:00Z
            2025-11-12T13:30:00.5            | 2025-11-12T13:30:00.5Z
            2025-11-12T13:30:00Z             | 2025-11-12T13:30:00Z
            2025-11-12T15:30:00+02:00        | 2025-11-12T13:30:00Z
            2025-11-12 15:30:00.000001+0200  | 2025-11-12T13:30:00.000001Z
            2025-11-12 13:30:00.12+00        | 2025-11-12T13:30:00.12Z
            2025-11-12 08:30:00-05           | 2025-11-12T13:30:00Z
            """)
    void reads_every_form_other_writers_use(String stored, String expected) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2024-02-29 23:59:59.999999       | 2024-02-29T23:59:59.999999Z
            0001-01-01 00:00:00.000001       | 0001-01-01T00:00:00.000001Z
            2025-12-31 00:00:00.100000       | 2025-12-31T00:00:00.1Z
            """)
    void reads_the_written_form_at_its_edges(String stored, String expected) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(Instant.parse(expected));
    }

    // Most have the written form's length and punctuation, so only the fast path's own checks stop them.
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12/11/2025
            2025-02-29 00:00:00.000000
            2025-04-31 00:00:00.000000
            2025-13-01 00:00:00.000000
            2025-00-01 00:00:00.000000
            2025-11-00 00:00:00.000000
            2025-11-12 24:00:00.000000
            2025-11-12 13:60:00.000000
            2025-11-12 13:30:60.000000
            2025-11-12 13:30:00.00000x
            2025-1a-12 13:30:00.000000
            2025-11-12 13:30:00,000000
            2025-11-12x13:30:00.000000
            """)
    void refuses_what_is_not_a_time(String stored) {
        assertThatThrownBy(() -> StoredTimestamps.parse(stored)).isInstanceOf(DateTimeParseException.class);
    }
}
