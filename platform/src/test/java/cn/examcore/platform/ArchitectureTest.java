package cn.examcore.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shape of the platform module, checked on its compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.examcore.platform");
    }

    @Test
    @DisplayName("no two packages of the platform import each other, however indirectly")
    void packagesAreFreeOfCycles() {
        slices().matching("cn.examcore.platform.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the platform knows no deployable and no domain: exam-server, the console, the bank and the"
            + " contract build on it, never the reverse")
    void knowsNoDeployable() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.examcore.server..", "cn.examcore.proctor..",
                        "cn.examcore.bank..", "cn.examcore.contract..", "com.hazelcast..")
                .check(classes);
    }

    @Test
    @DisplayName("the config loader and the mapper are plain Java: no Vert.x")
    void configAndJsonArePlain() {
        noClasses().that().resideInAnyPackage("cn.examcore.platform.config..", "cn.examcore.platform.json..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.micrometer..")
                .check(classes);
    }
}
