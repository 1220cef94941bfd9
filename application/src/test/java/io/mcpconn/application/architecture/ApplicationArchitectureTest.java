package io.mcpconn.application.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The application layer sees the domain and the JDK, nothing else. The project-wide rules (all
 * modules on one classpath) live in the CLI module's tests.
 */
@AnalyzeClasses(packages = "io.mcpconn", importOptions = ImportOption.DoNotIncludeTests.class)
class ApplicationArchitectureTest {

    @ArchTest
    static final ArchRule application_depends_on_domain_and_jdk_only = classes()
            .that().resideInAPackage("io.mcpconn.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.mcpconn.application..", "io.mcpconn.domain..", "java..")
            .because("use cases reach the outside world through their ports only");

    @ArchTest
    static final ArchRule nothing_inner_depends_on_infrastructure = noClasses()
            .that().resideInAnyPackage("io.mcpconn.domain..", "io.mcpconn.application..")
            .should().dependOnClassesThat().resideInAnyPackage("io.mcpconn.infrastructure..", "io.mcpconn.cli..");

    @ArchTest
    static final ArchRule application_packages_are_free_of_cycles =
            slices().matching("io.mcpconn.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule use_case_packages_are_free_of_cycles =
            slices().matching("io.mcpconn.application.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
}
