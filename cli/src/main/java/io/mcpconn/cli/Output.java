package io.mcpconn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where a command's results go: short aligned lines for people, or one JSON document for programs
 * ({@code --json}). Progress is shown to people only, so that {@code --json} prints exactly one
 * document.
 */
final class Output {

    /** Made on the first document: a command printing for people never loads Jackson's writers. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** Prints a line for people; nothing in JSON mode. */
    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** Prints rows for people with their columns aligned; nothing in JSON mode. */
    void table(List<List<String>> rows) {
        if (json || rows.isEmpty()) {
            return;
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i < row.size() - 1 ? pad(cell, widths[i] + 2) : cell);
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** Prints the JSON document of a command; nothing for people. */
    void document(Object document) {
        if (json) {
            try {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        }
    }

    /** Prints one JSON object on one line, in JSON mode only: for streams a script reads line by line. */
    void jsonLine(Object document) {
        if (json) {
            try {
                out.println(Json.MAPPER.writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        }
    }

    /** Prints an error: always as text on stderr, and as a JSON document too in JSON mode. */
    void error(String kind, String message) {
        err.println("mcpconn: " + message);
        err.flush();
        document(Map.of("error", Map.of("kind", kind, "message", message)));
    }

    /**
     * Tells people something they should know that is not the command's result (a key file was
     * created): on stderr, so that it never mixes with a JSON document or piped output.
     */
    void notice(String text) {
        err.println("mcpconn: note: " + text);
        err.flush();
    }

    /** Prints a stack trace on stderr; only when asked for with MCPCONN_DEBUG. */
    void stackTrace(Throwable failure) {
        failure.printStackTrace(err);
        err.flush();
    }

    /** Shows each step as "step … result" on one line as it happens. */
    MigrationProgress progress() {
        if (json) {
            return MigrationProgress.silent();
        }
        return new MigrationProgress() {
            @Override
            public void started(String step) {
                out.print(step + " … ");
                out.flush();
            }

            @Override
            public void finished(String result) {
                out.println(result);
                out.flush();
            }
        };
    }

    static List<String> row(String... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
