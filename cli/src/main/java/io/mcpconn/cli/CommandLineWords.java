package io.mcpconn.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command given as one string ({@code --stdio "npx -y pkg stdio"}) into words as a POSIX
 * shell would for the simple cases: blanks separate words, single quotes keep everything, double
 * quotes keep blanks, a backslash escapes the next character outside single quotes. No variables,
 * globs or substitutions: the server is started without a shell.
 */
final class CommandLineWords {

    private CommandLineWords() {
    }

    /**
     * The words of {@code line}.
     *
     * @throws IllegalArgumentException if a quote is not closed
     */
    static List<String> split(String line) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the command has an unclosed " + (quote == '"' ? "double" : "single")
                    + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
