package io.mcpconn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding example is the compiled {@link EmbeddingExample}, character for
 * character: what people copy compiles, with its imports.
 */
class ReadmeExampleTest {

    @Test
    void the_readme_shows_the_compiled_embedding_example() throws IOException {
        var readme = Files.readString(Path.of("..", "README.md"));
        var start = readme.indexOf("```java\npackage io.mcpconn.examples;");
        assertThat(start).as("README.md has the embedding example as a java block").isNotNegative();
        var shown = readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 7));

        var compiled = Files.readString(Path.of("src/main/java/io/mcpconn/examples/EmbeddingExample.java"));

        assertThat(shown).isEqualTo(compiled);
    }
}
