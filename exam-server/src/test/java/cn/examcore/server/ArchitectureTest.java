package cn.examcore.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape of exam-server, checked on its compiled classes: feature slices ({@code attempt}, {@code sitting},
 * {@code paper}, {@code events}, {@code proctoring}, {@code results}, {@code conduct}, {@code marking},
 * {@code errata}, {@code publication}) with their
 * {@code domain} and {@code store} packages, thin adapters ({@code http}, {@code ws}) above them, the node's wiring on top.
 */
class ArchitectureTest {

    /** The service packages of the slices: what a domain or a store must never reach up into. */
    private static final String[] SERVICES = {
        "cn.examcore.server.attempt", "cn.examcore.server.sitting", "cn.examcore.server.paper",
        "cn.examcore.server.events", "cn.examcore.server.proctoring", "cn.examcore.server.results",
        "cn.examcore.server.conduct", "cn.examcore.server.checkin", "cn.examcore.server.marking",
        "cn.examcore.server.errata", "cn.examcore.server.publication"};
    /** Transport, wiring and start-up: what no slice may import. */
    private static final String[] ADAPTERS = {
        "cn.examcore.server.http..", "cn.examcore.server.ws..", "cn.examcore.server.node..",
        "cn.examcore.server.wiring..", "cn.examcore.server.demo.."};

    /** The one service that applies sanctions to results; see {@link #oneSanctionPath()}. */
    private static final String RESULT_ADJUSTMENTS = "cn.examcore.server.conduct.ResultAdjustments";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.examcore.server");
    }

    @Test
    @DisplayName("no two packages of exam-server import each other, however indirectly")
    void packagesAreFreeOfCycles() {
        slices().matching("cn.examcore.server.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("domain packages import neither Vert.x nor Hazelcast nor any service, store or adapter")
    void domainIsPlain() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.hazelcast..")
                .orShould().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .orShould().dependOnClassesThat().resideInAnyPackage("..store..", "..storage..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(classes);
    }

    @Test
    @DisplayName("services never import the transport (http, ws), the wiring or the node")
    void servicesDoNotImportTransport() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .or().resideInAnyPackage("..domain..", "..store..", "..storage..", "cn.examcore.server.common..",
                        "cn.examcore.server.auth..", "cn.examcore.server.mgmt..")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(classes);
    }

    @Test
    @DisplayName("storage never imports a service or an adapter")
    void storageDoesNotImportServices() {
        noClasses().that().resideInAnyPackage("..store..", "..storage..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .orShould().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(classes);
    }

    @Test
    @DisplayName("the HTTP handlers and the seat socket reach data only through the slices' services, never a store")
    void adaptersDoNotUseStores() {
        // A save, for one, is checked against the paper and counted by attempt.AnswerService, not by the transport.
        noClasses().that().resideInAnyPackage("cn.examcore.server.http..", "cn.examcore.server.ws..")
                .should().dependOnClassesThat().resideInAnyPackage("..store..", "..storage..")
                .check(classes);
    }

    @Test
    @DisplayName("only the storage packages and the node touch JDBC")
    void onlyStorageTouchesJdbc() {
        noClasses().that().resideOutsideOfPackages("..store..", "..storage..", "cn.examcore.server.node..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..")
                .check(classes);
    }

    @Test
    @DisplayName("a sanction reaches results in one place: only ResultAdjustments reads results as scored and applies"
            + " ResultAdjustment, so the results view, the exports and certificate issuing cannot disagree")
    void oneSanctionPath() {
        noClasses().that().resideOutsideOfPackages("cn.examcore.server.results..", "cn.examcore.server.node..",
                        "cn.examcore.server.wiring..")
                .and().doNotHaveFullyQualifiedName(RESULT_ADJUSTMENTS)
                .should().dependOnClassesThat().haveFullyQualifiedName("cn.examcore.server.results.ResultsService")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName(RESULT_ADJUSTMENTS)
                .and().doNotHaveFullyQualifiedName("cn.examcore.server.conduct.domain.ResultAdjustment")
                .should().callMethodWhere(describe("ResultAdjustment.adjust", call -> call.getName().equals("adjust")
                        && call.getTargetOwner().getFullName().equals(
                                "cn.examcore.server.conduct.domain.ResultAdjustment")))
                .check(classes);
        // The status a result line shows (成绩取消 or how it ended) is decided with the adjustment, not by a handler.
        noClasses().that().resideOutsideOfPackages("cn.examcore.server.results..", "cn.examcore.server.conduct")
                .should().dependOnClassesThat().haveFullyQualifiedName("cn.examcore.server.results.ResultStatus")
                .check(classes);
    }
}
