package io.mcpconn.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's module graph is what people look at to see the architecture; it must be the one the
 * poms declare: a solid arrow for each direct dependency between our modules, a dotted "tests"
 * arrow for each test-scope one, and nothing else.
 */
class ReadmeModuleGraphTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern NODE = Pattern.compile("(\\w+)\\[(mcpconn-[a-z-]+)");
    private static final Pattern SOLID = Pattern.compile("^\\s*(\\w+)(?:\\[[^\\]]*])?\\s*-->\\s*(\\w+)");
    private static final Pattern DOTTED = Pattern.compile("^\\s*(\\w+)\\s*-\\. tests \\.->\\s*(\\w+)");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>io\\.mcpconn</groupId>\\s*<artifactId>(mcpconn-[a-z-]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    @Test
    void the_readme_module_graph_equals_the_poms() throws IOException {
        var readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("```mermaid\ngraph BT");
        assertThat(start).as("README.md has a mermaid 'graph BT' block").isNotNegative();
        var graph = readme.substring(start, readme.indexOf("```", start + 3));

        var artifactOf = new HashMap<String, String>();
        var drawn = new TreeSet<String>();
        for (var line : graph.split("\n")) {
            var nodes = NODE.matcher(line);
            while (nodes.find()) {
                artifactOf.put(nodes.group(1), nodes.group(2));
            }
        }
        for (var line : graph.split("\n")) {
            var solid = SOLID.matcher(line);
            var dotted = DOTTED.matcher(line);
            if (dotted.find()) {
                drawn.add(artifactOf.get(dotted.group(1)) + " -tests-> " + artifactOf.get(dotted.group(2)));
            } else if (solid.find()) {
                drawn.add(artifactOf.get(solid.group(1)) + " --> " + artifactOf.get(solid.group(2)));
            }
        }

        assertThat(drawn).isEqualTo(declared());
    }

    private static TreeSet<String> declared() throws IOException {
        var edges = new TreeSet<String>();
        var parent = Files.readString(ROOT.resolve("pom.xml"));
        var modules = MODULE.matcher(parent);
        while (modules.find()) {
            var pom = Files.readString(ROOT.resolve(modules.group(1)).resolve("pom.xml"));
            var artifact = artifactId(pom);
            var dependencies = DEPENDENCY.matcher(pom);
            while (dependencies.find()) {
                boolean test = dependencies.group(2).contains("<scope>test</scope>");
                edges.add(artifact + (test ? " -tests-> " : " --> ") + dependencies.group(1));
            }
        }
        return edges;
    }

    private static String artifactId(String pom) {
        // The module's own artifactId is the first one after the parent block.
        var afterParent = pom.substring(pom.indexOf("</parent>"));
        var matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
        return matcher.find() ? matcher.group(1) : "?";
    }
}
