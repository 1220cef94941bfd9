package io.mcpconn.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The project-wide rules, here because this module's tests have every module's classes on one
 * classpath: the onion's rings (domain at the centre, then application, adapters, the CLI outside),
 * no package cycles anywhere under io.mcpconn, and the general coding rules, with the standard
 * streams allowed only to the command line. The domain's and the application's own allow-lists
 * (JDK only; domain and JDK only) are checked in those modules' tests.
 */
@AnalyzeClasses(packages = "io.mcpconn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The onion's rings as layers: the runtime entry point wires adapters to use cases, and the CLI
     * is the outermost ring; adapters never use each other, the runtime or the CLI.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy("io.mcpconn.domain..")
            .layer("Application").definedBy("io.mcpconn.application..")
            .layer("Adapters").definedBy("io.mcpconn.infrastructure..", "io.mcpconn.testkit..")
            .layer("Runtime").definedBy("io.mcpconn.runtime..")
            .layer("Cli").definedBy("io.mcpconn.cli..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Runtime", "Cli")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Runtime", "Cli")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters", "Runtime", "Cli")
            .because("the domain decides and adapters translate (DESIGN.md)");

    @ArchTest
    static final ArchRule adapters_do_not_use_each_other = noClasses()
            .that().resideInAPackage("io.mcpconn.infrastructure.sqlite..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mcpconn.testkit..", "io.mcpconn.infrastructure.mcp..",
                    "io.mcpconn.infrastructure.postgres..");

    @ArchTest
    static final ArchRule the_postgres_adapter_shares_only_the_jdbc_module = noClasses()
            .that().resideInAPackage("io.mcpconn.infrastructure.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mcpconn.testkit..", "io.mcpconn.infrastructure.mcp..",
                    "io.mcpconn.infrastructure.sqlite..", "org.sqlite..");

    @ArchTest
    static final ArchRule the_shared_sql_code_knows_no_database = noClasses()
            .that().resideInAPackage("io.mcpconn.infrastructure.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mcpconn.testkit..", "io.mcpconn.infrastructure.mcp..",
                    "io.mcpconn.infrastructure.sqlite..", "io.mcpconn.infrastructure.postgres..", "org.sqlite..",
                    "org.postgresql..", "com.zaxxer..")
            .because("what differs between the databases is named in each adapter's SqlDialect and SqlDatabase");

    @ArchTest
    static final ArchRule the_mcp_adapter_uses_no_other_adapter = noClasses()
            .that().resideInAPackage("io.mcpconn.infrastructure.mcp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mcpconn.testkit..", "io.mcpconn.infrastructure.sqlite..",
                    "io.mcpconn.infrastructure.postgres..", "io.mcpconn.infrastructure.jdbc..");

    @ArchTest
    static final ArchRule sdk_types_stay_in_the_mcp_adapter = noClasses()
            .that().resideOutsideOfPackage("io.mcpconn.infrastructure.mcp..")
            .should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol..")
            .because("the application and everything else speak the McpClient port, never the SDK");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("io.mcpconn.(**)").should().beFreeOfCycles()
            // jOOQ's generated classes refer to each other across their packages by design.
            .ignoreDependency(resideInAPackage("io.mcpconn.infrastructure.jdbc.jooq.."),
                    resideInAPackage("io.mcpconn.infrastructure.jdbc.jooq.."));

    @ArchTest
    static final ArchRule standard_streams_only_in_the_cli = noClasses()
            .that().resideOutsideOfPackage("io.mcpconn.cli..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("libraries report through return values, exceptions and loggers; only the command prints");

    @ArchTest
    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
