package io.mcpconn.infrastructure.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SDK stays inside this package: no other code of the module, and no public signature, shows its types. */
@AnalyzeClasses(packages = "io.mcpconn.infrastructure.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // Empty while the module has no other package; it guards the day one is added.
    @ArchTest
    static final ArchRule onlyTheAdapterPackageUsesTheSdk = noClasses()
            .that().resideOutsideOfPackage("io.mcpconn.infrastructure.mcp")
            .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..", "com.networknt..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @Test
    void publicSignaturesShowNoSdkType() {
        // JsonTrees is public for adapters that read JSON documents: Jackson, but never the SDK, in its signatures.
        for (var type : new Class<?>[] {SdkMcpClient.class, NetworkntJsonSchemaValidator.class, JsonTrees.class}) {
            var signatures = Stream.concat(
                    Arrays.stream(type.getMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                            .flatMap(m -> Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))),
                    Arrays.stream(type.getConstructors()).flatMap(c -> Arrays.stream(c.getParameterTypes())));
            assertThat(signatures.map(Class::getName))
                    .noneMatch(name -> name.startsWith("io.modelcontextprotocol") || name.startsWith("com.networknt")
                            || (type != JsonTrees.class && name.startsWith("com.fasterxml")));
        }
    }
}
