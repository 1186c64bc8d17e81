package cn.examcore.bank;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package structure of the question bank, checked on the compiled classes (tests excluded). The layers, lowest
 * first: {@code model}, {@code html}, {@code report}, {@code scoring}; {@code io.format} (what all formats share);
 * {@code io.sheet} (the streamed .xlsx reader the xlsx format and exam-server's roster import share); {@code validate};
 * the formats {@code io.json}, {@code io.xlsx}, {@code io.qti}; {@code io} (the importer that
 * dispatches to them); {@code assembly}; {@code cli}. Plain JUnit tests rather than {@code @ArchTest} fields, so that
 * each rule gets a sentence as its name like every other test of the module.
 */
@DisplayName("Question-bank architecture")
class ArchitectureTest {

    private static final String BANK = "cn.examcore.bank";
    /** The importer's own package, without its sub-packages (the formats). */
    private static final String IMPORTER = BANK + ".io";

    /** Imported once: reading the module's classes is the slow part, the rules themselves are cheap. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BANK);

    static Stream<String> formats() {
        return Stream.of("json", "qti", "xlsx");
    }

    /** The packages of the given formats, followed by {@code more}. */
    private static String[] formatPackages(Stream<String> formats, String... more) {
        return Stream.concat(formats.map(f -> BANK + ".io." + f + ".."), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    @DisplayName("No package of the bank depends on itself through other packages")
    void noPackageCycles() {
        slices().matching(BANK + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    @DisplayName("The item model and scoring import neither Vert.x nor Hazelcast nor Apache POI")
    void modelAndScoringImportNoServerOrSpreadsheetCode() {
        noClasses().that().resideInAnyPackage(BANK + ".model..", BANK + ".scoring..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..", "org.apache.poi..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("Nothing in the bank depends on Vert.x or Hazelcast: exam-server uses it in-process")
    void noServerCodeAnywhere() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("The item model depends on the JDK alone: no other bank package, no JSON or HTML library")
    void modelDependsOnTheJdkAlone() {
        classes().that().resideInAPackage(BANK + ".model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BANK + ".model..", "java..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("Scoring depends on the item model alone, never on io, validation or assembly")
    void scoringDependsOnTheModelAlone() {
        classes().that().resideInAPackage(BANK + ".scoring..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BANK + ".scoring..", BANK + ".model..", "java..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("The report types depend on the JDK alone, so readers and validator can both report")
    void reportDependsOnTheJdkAlone() {
        classes().that().resideInAPackage(BANK + ".report..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BANK + ".report..", "java..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("What all formats share depends on no format, nor on the importer, validator, assembly or CLI")
    void formatContractStaysBelow() {
        noClasses().that().resideInAPackage(BANK + ".io.format..")
                .should().dependOnClassesThat().resideInAnyPackage(formatPackages(formats(),
                        IMPORTER, BANK + ".validate..", BANK + ".assembly..", BANK + ".cli.."))
                .check(CLASSES);
    }

    @ParameterizedTest(name = "The {0} format uses no other format, nor the importer, validator, assembly or CLI")
    @MethodSource("formats")
    void formatsAreIndependent(String format) {
        noClasses().that().resideInAPackage(BANK + ".io." + format + "..")
                .should().dependOnClassesThat().resideInAnyPackage(formatPackages(
                        formats().filter(other -> !other.equals(format)),
                        IMPORTER, BANK + ".validate..", BANK + ".assembly..", BANK + ".cli.."))
                .check(CLASSES);
    }

    @Test
    @DisplayName("Validation reads what the formats share, never a format itself or the importer")
    void validationIgnoresTheFormats() {
        noClasses().that().resideInAPackage(BANK + ".validate..")
                .should().dependOnClassesThat().resideInAnyPackage(formatPackages(formats(),
                        IMPORTER, BANK + ".assembly..", BANK + ".cli.."))
                .check(CLASSES);
    }

    @Test
    @DisplayName("Inside the bank only the CLI calls the importer")
    void onlyTheCliUsesTheImporter() {
        noClasses().that().resideOutsideOfPackages(IMPORTER, BANK + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(IMPORTER)
                .check(CLASSES);
    }

    @Test
    @DisplayName("The shared sheet reader knows no format, no importer and no item model: a roster reads with it too")
    void sheetReaderStaysGeneric() {
        noClasses().that().resideInAPackage(BANK + ".io.sheet..")
                .should().dependOnClassesThat().resideInAnyPackage(formatPackages(formats(),
                        IMPORTER, BANK + ".model..", BANK + ".validate..", BANK + ".assembly..", BANK + ".cli.."))
                .check(CLASSES);
    }

    @Test
    @DisplayName("Apache POI stays inside the xlsx format, the shared sheet reader and the zip guard that sets it up")
    void poiStaysInTheSpreadsheetFormat() {
        noClasses().that().resideOutsideOfPackages(BANK + ".io.xlsx..", BANK + ".io.sheet..", BANK + ".io.format..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.poi..")
                .check(CLASSES);
    }
}
