package io.mcpconn.cli;

import io.mcpconn.application.transfer.ImportCommand;
import io.mcpconn.application.transfer.ImportReport;
import io.mcpconn.infrastructure.mcp.clientconfig.ClientConfigFormat;
import io.mcpconn.infrastructure.mcp.clientconfig.ClientConfigReader;
import io.mcpconn.infrastructure.mcp.clientconfig.ClientConfigWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mcpconn connections import | export}: the server lists MCP clients already keep
 * ({@code mcpServers} of desktop clients, {@code servers} of editor workspaces).
 */
final class TransferCommands {

    private TransferCommands() {
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Register every server of an MCP client's configuration file ({\"mcpServers\": …} or {\"servers\": …})"
                    + " for the agent.",
                "Bad entries are reported one by one; the good ones still import. Exits 1 if any entry was not imported."})
    static final class Import implements java.util.concurrent.Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        ConnectionsCommand connections;

        @Parameters(paramLabel = "FILE", description = "The configuration file, e.g. claude_desktop_config.json or .vscode/mcp.json.")
        Path file;

        @Option(names = "--dry-run", description = "Only show what would be done.")
        boolean dryRun;

        @Option(names = "--update", description = "Give existing servers of the same name the file's configuration"
                + " (default: skip them).")
        boolean update;

        @Override
        public Integer call() {
            var output = connections.output();
            var path = connections.top.workingDirectory().resolve(file).toAbsolutePath().normalize();
            String text;
            try {
                text = Files.readString(path);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Cannot read " + path + " ("
                        + e.getClass().getSimpleName() + "); check the path and its permissions");
            }
            var parsed = new ClientConfigReader(connections.top.environment(), path.getParent()).read(text);
            var report = connections.withMcpconn(mcp -> mcp.importConnections().handle(new ImportCommand(
                    connections.namespace(), connections.agent(), parsed.entries(), update, dryRun)));
            var rows = new ArrayList<List<String>>();
            rows.add(Output.row("SERVER", dryRun ? "WOULD BE" : "RESULT", "DETAIL"));
            for (var line : report.lines()) {
                rows.add(Output.row(line.name(), word(line.action()), line.detail()));
            }
            output.line((dryRun ? "dry run: nothing is written; " : "") + path + " (" + parsed.format().key() + "), "
                    + report.lines().size() + " servers");
            output.table(rows);
            output.line(summary(report));
            var document = connections.document("import");
            document.put("file", path.toString());
            document.put("format", parsed.format().key());
            document.put("dryRun", dryRun);
            var lines = new ArrayList<Map<String, Object>>();
            for (var line : report.lines()) {
                var item = new LinkedHashMap<String, Object>();
                item.put("name", line.name());
                item.put("action", line.action().name().toLowerCase(Locale.ROOT));
                item.put("detail", line.detail());
                lines.add(item);
            }
            document.put("servers", lines);
            output.document(document);
            return report.hasProblems() ? ExitCode.VERIFY_FAILED : ExitCode.OK;
        }

        private static String summary(ImportReport report) {
            var parts = new ArrayList<String>();
            for (var action : ImportReport.Action.values()) {
                long count = report.count(action);
                if (count > 0) {
                    parts.add(count + " " + word(action));
                }
            }
            return String.join(", ", parts);
        }

        private static String word(ImportReport.Action action) {
            return action.name().toLowerCase(Locale.ROOT);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the namespace's servers as an MCP client's configuration file.",
                "Secrets become ${input:…} placeholders unless --include-secrets is given."})
    static final class Export implements java.util.concurrent.Callable<Integer> {

        @ParentCommand
        ConnectionsCommand connections;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mcpServers",
                description = "mcpServers (desktop clients) or servers (editor workspaces); default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--mine", description = "Only the agent's own servers.")
        boolean mine;

        @Option(names = "--include-secrets", description = "Write api keys, secret headers and env values in clear text.")
        boolean includeSecrets;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (readable by its owner only) instead of printing.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            var chosen = java.util.Arrays.stream(ClientConfigFormat.values()).filter(f -> f.key().equalsIgnoreCase(format))
                    .findFirst().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "--format is mcpServers or servers, not " + format));
            var export = connections.withMcpconn(mcp -> mcp.exportConnections().handle(connections.namespace(),
                    mine ? Optional.of(connections.agent()) : Optional.empty()));
            var servers = export.servers();
            var text = ClientConfigWriter.write(chosen, servers, includeSecrets);
            var out = connections.output();
            if (output == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                var target = connections.top.workingDirectory().resolve(output).toAbsolutePath().normalize();
                var temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".mcpconn-export", ".tmp",
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, text);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.line("wrote " + servers.size() + " servers to " + target
                        + (includeSecrets ? " with their secrets (the file is readable by you only)" : " without secrets"));
            }
            // Never silently short: a connection that cannot be read is named, and the exit says so.
            export.unreadable().forEach(row -> out.error("corrupt-row", "left out of the export: " + row.describe()));
            return export.unreadable().isEmpty() ? ExitCode.OK : ExitCode.VERIFY_FAILED;
        }
    }
}
