package io.mcpconn.domain.tool;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a tool is for, as the Python service stores it in {@code tools_json} ({@code "category":
 * "memory"}). When a server does not say, the category is inferred from the tool's name first and
 * its description second, by keywords; {@link #GENERAL} when nothing matches.
 */
public enum ToolCategory {
    MEMORY("memory", "memory", "memories", "remember", "recall", "knowledge", "note", "notes"),
    SEARCH("search", "search", "find", "lookup", "query", "retrieve", "browse"),
    WORKFLOW("workflow", "workflow", "task", "tasks", "schedule", "pipeline", "job", "orchestrate"),
    FILE_MANAGEMENT("file_management", "file", "files", "directory", "folder", "path", "upload", "download"),
    DATA_PROCESSING("data_processing", "data", "transform", "parse", "convert", "analyze", "analyse", "calculate", "sum", "add"),
    API_INTEGRATION("api_integration", "api", "http", "fetch", "request", "webhook", "endpoint"),
    COMMUNICATION("communication", "email", "mail", "message", "send", "notify", "chat", "slack", "echo"),
    SECURITY("security", "auth", "token", "secret", "permission", "encrypt", "decrypt", "credential"),
    MONITORING("monitoring", "monitor", "health", "status", "metric", "metrics", "log", "logs", "trace"),
    CODE_EXECUTION("code_execution", "execute", "exec", "run", "shell", "command", "script", "eval"),
    GENERAL("general");

    private static final Pattern WORD_BREAKS = Pattern.compile("[^\\p{Alnum}]+|(?<=\\p{Ll})(?=\\p{Lu})");

    private static final Map<String, ToolCategory> BY_STORAGE_NAME = new HashMap<>();
    /** Each keyword with the first category, in declaration order, that lists it. */
    private static final Map<String, ToolCategory> BY_KEYWORD = new HashMap<>();

    static {
        for (var category : values()) {
            BY_STORAGE_NAME.put(category.storageName, category);
            category.keywords.forEach(keyword -> BY_KEYWORD.putIfAbsent(keyword, category));
        }
    }

    private final String storageName;
    private final List<String> keywords;

    ToolCategory(String storageName, String... keywords) {
        this.storageName = storageName;
        this.keywords = List.of(keywords);
    }

    /** The lower-case name stored in {@code tools_json}. */
    public String storageName() {
        return storageName;
    }

    /** The category stored under {@code name}, if it is one of ours (case-insensitive). */
    public static Optional<ToolCategory> fromStorageName(String name) {
        return Optional.ofNullable(BY_STORAGE_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * Infers the category of a tool from its name, then its description. The name wins because
     * descriptions mention many things a tool merely touches.
     */
    public static ToolCategory infer(String toolName, Optional<String> description) {
        return firstMatch(toolName)
                .or(() -> description.flatMap(ToolCategory::firstMatch))
                .orElse(GENERAL);
    }

    private static Optional<ToolCategory> firstMatch(String text) {
        // Categories are tried in declaration order, so "search_memories" is memory, as in the seed:
        // the earliest category any word names wins.
        int first = Integer.MAX_VALUE;
        for (var word : WORD_BREAKS.split(text)) {
            var category = BY_KEYWORD.get(word.toLowerCase(Locale.ROOT));
            if (category != null) {
                first = Math.min(first, category.ordinal());
            }
        }
        return first == Integer.MAX_VALUE ? Optional.empty() : Optional.of(values()[first]);
    }
}
