package io.mcpconn.infrastructure.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    private static final Map<String, String> RUNTIME = Map.of(
            "PATH", "/usr/bin", "HOME", "/home/agent", "LANG", "C.UTF-8", "LC_CTYPE", "en_US.UTF-8",
            "AWS_SECRET_ACCESS_KEY", "aws-secret", "GITHUB_TOKEN", "gh-token", "JAVA_TOOL_OPTIONS", "-Xmx1g");

    @Test
    void keepsOnlyTheAllowListThenTheDeclaredVariables() {
        var child = ChildEnvironment.of(RUNTIME, Map.of("GITHUB_TOKEN", "the-servers-own", "PATH", "/opt/bin"), false);

        assertThat(child).containsOnly(
                Map.entry("PATH", "/opt/bin"), Map.entry("HOME", "/home/agent"), Map.entry("LANG", "C.UTF-8"),
                Map.entry("LC_CTYPE", "en_US.UTF-8"), Map.entry("GITHUB_TOKEN", "the-servers-own"));
    }

    @Test
    void comparesNamesIgnoringCaseOnWindows() {
        var child = ChildEnvironment.of(Map.of("Path", "C:\\Windows", "SystemRoot", "C:\\Windows", "Secret", "x"),
                Map.of("PATH", "C:\\tools"), true);

        assertThat(child).hasSize(2).containsEntry("SystemRoot", "C:\\Windows");
        assertThat(child.get("path")).isEqualTo("C:\\tools");
    }
}
