package io.mcpconn.infrastructure.mcp;

/** This library's version, as its jar says, for the {@code initialize} request. */
final class Versions {

    private Versions() {
    }

    static String library() {
        var version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
