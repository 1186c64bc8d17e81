package cn.examcore.proctor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shape of the proctor console, checked on its compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.examcore.proctor");
    }

    @Test
    @DisplayName("no two packages of the console import each other, however indirectly")
    void packagesAreFreeOfCycles() {
        slices().matching("cn.examcore.proctor.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the rules, the similarity detector and the messages are plain Java: no Vert.x, no Hazelcast, no transport")
    void analysisIsPlain() {
        noClasses().that().resideInAnyPackage("cn.examcore.proctor.rules..", "cn.examcore.proctor.similarity..",
                        "cn.examcore.proctor.i18n..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..",
                        "cn.examcore.proctor.http..", "cn.examcore.proctor.live..")
                .check(classes);
    }

    @Test
    @DisplayName("nothing below the HTTP adapter imports it")
    void onlyTheNodeImportsHttp() {
        noClasses().that().resideOutsideOfPackages("cn.examcore.proctor", "cn.examcore.proctor.http..")
                .should().dependOnClassesThat().resideInAPackage("cn.examcore.proctor.http..")
                .check(classes);
    }
}
