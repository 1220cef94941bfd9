package io.mcpconn.domain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The domain is plain Java: these rules fail the build when it stops being so. */
@AnalyzeClasses(packages = "io.mcpconn.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule domain_depends_on_the_jdk_only = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.mcpconn.domain..", "java..")
            .because("the domain must stay free of frameworks, libraries and I/O adapters");

    @ArchTest
    static final ArchRule domain_does_no_io = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.net.http..", "java.io..", "java.util.logging..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.nio.file.Files.class, java.net.Socket.class, java.net.URL.class)
            .because("the domain decides; adapters do the I/O");

    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles =
            slices().matching("io.mcpconn.domain.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_standard_streams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule domain_exceptions_are_domain_exceptions = classes()
            .that().areAssignableTo(RuntimeException.class)
            .should().beAssignableTo(io.mcpconn.domain.shared.DomainException.class)
            .because("callers catch DomainException to show the user one clear message");

    @ArchTest
    static final ArchRule no_public_setters = noMethods()
            .that().haveNameMatching("set[A-Z].*")
            .should().bePublic()
            .because("state changes go through commands that check the rules")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule concrete_classes_are_final = classes()
            .that().areNotInterfaces().and().areNotEnums().and().areNotAnonymousClasses()
            .and().doNotHaveModifier(JavaModifier.ABSTRACT)
            .should().haveModifier(JavaModifier.FINAL)
            .because("domain types are values or aggregates, not extension points");
}
