package io.mcpconn.infrastructure.mcp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a stdio server starts with: a small allow-list of the runtime's variables
 * (what a program needs to find its tools, its home and its locale) plus the variables the
 * connection declares. Nothing else of the runtime's environment (its credentials, its cloud
 * tokens) reaches a server that merely asked to be started.
 */
final class ChildEnvironment {

    private static final Set<String> POSIX = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TMPDIR", "TERM", "SHELL", "TZ");
    private static final Set<String> WINDOWS = Set.of("PATH", "PATHEXT", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC",
            "TEMP", "TMP", "USERPROFILE", "USERNAME", "USERDOMAIN", "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA",
            "PROGRAMDATA", "PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432", "COMMONPROGRAMFILES", "PROCESSOR_ARCHITECTURE",
            "NUMBER_OF_PROCESSORS", "OS");

    private ChildEnvironment() {
    }

    /** Whether this JVM runs on Windows, whose variable names ignore case. */
    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * The variables of {@code parent} a child may inherit, then {@code declared} over them.
     *
     * @param windows whether names are compared ignoring case, as Windows does
     */
    static Map<String, String> of(Map<String, String> parent, Map<String, String> declared, boolean windows) {
        var child = windows ? new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<String, String>();
        parent.forEach((name, value) -> {
            if (inherited(name, windows) && value != null) {
                child.put(name, value);
            }
        });
        child.putAll(declared);
        return child;
    }

    static boolean inherited(String name, boolean windows) {
        if (windows) {
            return WINDOWS.contains(name.toUpperCase(Locale.ROOT));
        }
        // LC_ALL, LC_CTYPE, ...: the locale decides how a server decodes its arguments and files.
        return POSIX.contains(name) || name.startsWith("LC_");
    }
}
