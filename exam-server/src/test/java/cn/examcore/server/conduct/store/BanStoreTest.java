package cn.examcore.server.conduct.store;

import static cn.examcore.server.conduct.domain.Decisions.ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.OTHER_ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.confirmed;
import static cn.examcore.server.conduct.domain.Decisions.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.bank.model.Subject;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.server.conduct.domain.Application;
import cn.examcore.server.conduct.domain.Ban;
import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.BanOnRecord;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.Decisions;
import cn.examcore.server.conduct.domain.EligibilityCheck;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.JdbcSittingStore;
import cn.examcore.server.storage.jdbc.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ban registry (禁考名册) as the server keeps it: bans written with their decisions by {@link JdbcDecisionStore}
 * (H2), read back and lifted through {@link JdbcBanStore} and judged by {@link EligibilityCheck}, as roster imports
 * do.
 */
@DisplayName("Bans on record (H2)")
class BanStoreTest {

    private static final LocalDate NOV_7 = LocalDate.of(2026, 11, 7);

    private final SanctionPolicy policy = SanctionPolicy.defaults();
    private Vertx vertx;
    private WorkerExecutor workers;
    private Database db;
    private JdbcDecisionStore decisions;
    private JdbcBanStore store;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        workers = vertx.createSharedWorkerExecutor("bans-db", 2);
        db = Database.open(ServerConfig.defaults().with(Map.of("db-url",
                "jdbc:h2:mem:bans-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).database());
        decisions = new JdbcDecisionStore(db, workers);
        store = new JdbcBanStore(db, workers);
        // The sitting the fixtures' decisions name: a decision refers to its sitting's row.
        await(new JdbcSittingStore(db, workers).createSitting(new Sitting(Decisions.sitting(NOV_7).sittingId(),
                "November", "企业人力资源管理师", 3, Subject.THEORY, shanghai(NOV_7, 9).toEpochMilli(), 90, 30, 60, "123456",
                0, null, null, 0)));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        workers.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A confirmed decision with its sanction, on a flag of its own (one decision per flag and sitting). */
    private RecordedDecision withSanction(Decision d) {
        Decision own = new Decision(d.id(), d.by(), d.at(), new FlagRef(FlagRef.Source.RULES, "flag-" + d.id()),
                d.category(), d.severity(), d.candidate(), d.sitting(), d.evidence(), d.reason(), d.afterSitting(),
                d.outcome());
        return new RecordedDecision(own, "att-1", "R1-01", Optional.of(policy.sanctionFor(own)));
    }

    private void recordBanOf(Decision decision) {
        await(decisions.record(withSanction(decision)));
    }

    private EligibilityCheck.Result check(String idNumber, String occupation, LocalDate on) {
        List<BanOnRecord> onRecord = await(store.bansOf(Set.of(idNumber)));
        return EligibilityCheck.check(new Application(idNumber, occupation, 3, on), onRecord);
    }

    /** A revision of {@code revised} on appeal, by the chief proctor, on the day after the sitting. */
    private RecordedDecision revision(String id, String revised, MisconductCode category, Severity severity,
                                      cn.examcore.server.conduct.domain.Outcome outcome) {
        Decision d = new Decision(id, "chief.zhao", shanghai(NOV_7.plusDays(1), 11), null, category, severity,
                Decisions.CANDIDATE, Decisions.sitting(NOV_7), List.of("e-1"), "appeal heard", false, outcome);
        return new RecordedDecision(d, "att-1", "R1-01", d.confirmed() ? Optional.of(policy.sanctionFor(d))
                : Optional.empty(), revised);
    }

    @Test
    @DisplayName("A revision lifts the revised decision's ban in its own transaction and carries its own; a decision"
            + " is revised once, and an unknown one not at all, nothing stored then")
    void revisionsReplaceTheBan() {
        recordBanOf(confirmed("d-c", MisconductCode.C2, Severity.SERIOUS, NOV_7));
        LocalDate in2029 = LocalDate.of(2029, 6, 1);
        assertThat(check(ID_NUMBER, "职业培训师", in2029).eligible()).isFalse();

        await(decisions.record(revision("r-1", "d-c", MisconductCode.C2, Severity.MINOR,
                cn.examcore.server.conduct.domain.Outcome.CONFIRMED)));
        List<BanOnRecord> bans = await(store.bans(ID_NUMBER));
        assertThat(bans).extracting(b -> b.ban().decisionId(), BanOnRecord::lifted)
                .containsExactly(tuple("d-c", true), tuple("r-1", false));
        assertThat(bans.get(0).lift().by()).isEqualTo("chief.zhao");
        assertThat(bans.get(0).lift().why()).contains("r-1");
        // Two years now, not five: 2029 is free, 2028 not.
        assertThat(check(ID_NUMBER, "职业培训师", in2029).eligible()).isTrue();
        assertThat(check(ID_NUMBER, "职业培训师", LocalDate.of(2028, 6, 1)).eligible()).isFalse();
        assertThat(await(decisions.decisions(Decisions.sitting(NOV_7).sittingId())))
                .extracting(RecordedDecision::revises).containsExactly(null, "d-c");

        assertThat(failure(decisions.record(revision("r-2", "d-c", MisconductCode.C2, null,
                cn.examcore.server.conduct.domain.Outcome.DISMISSED))))
                .isInstanceOf(DecisionStore.AlreadyRevised.class).hasMessageContaining("r-1");
        assertThat(failure(decisions.record(revision("r-3", "no-such", MisconductCode.C2, null,
                cn.examcore.server.conduct.domain.Outcome.DISMISSED))))
                .isInstanceOf(DecisionStore.NoSuchDecision.class);
        // The revision of the revision dismisses: every ban lifted, the person free at once.
        await(decisions.record(revision("r-4", "r-1", MisconductCode.C2, null,
                cn.examcore.server.conduct.domain.Outcome.DISMISSED)));
        assertThat(await(store.bans(ID_NUMBER))).allMatch(BanOnRecord::lifted);
        assertThat(check(ID_NUMBER, "职业培训师", LocalDate.of(2026, 12, 1)).eligible()).isTrue();
        assertThat(await(decisions.decisions(Decisions.sitting(NOV_7).sittingId()))).hasSize(3);
    }

    @Test
    @DisplayName("A B ban from 7 November 2026 refuses an application on 31 December and lets one on 1 January pass")
    void yearEndBoundary() {
        recordBanOf(confirmed("d-b", MisconductCode.B1, null, NOV_7));
        EligibilityCheck.Result lastDay = check(ID_NUMBER, "企业人力资源管理师", LocalDate.of(2026, 12, 31));
        assertThat(lastDay.eligible()).isFalse();
        assertThat(lastDay.reason()).contains("2026-12-31").contains("d-b").contains("B1");
        EligibilityCheck.Result newYear = check(ID_NUMBER, "企业人力资源管理师", LocalDate.of(2027, 1, 1));
        assertThat(newYear.eligible()).isTrue();
        assertThat(newYear.reason()).isEmpty();
    }

    @Test
    @DisplayName("A ban refuses applications for any occupation, but not another person's")
    void bansFollowThePerson() {
        recordBanOf(confirmed("d-c", MisconductCode.C4, Severity.MINOR, NOV_7));
        LocalDate on = LocalDate.of(2027, 6, 1);
        assertThat(check(ID_NUMBER, "职业培训师", on).blocking()).extracting(Ban::decisionId).containsExactly("d-c");
        assertThat(check(ID_NUMBER, "社群健康助理员", on).eligible()).isFalse();
        assertThat(check(OTHER_ID_NUMBER, "职业培训师", on).eligible()).isTrue();
        // Another person's bans passed along change nothing either.
        assertThat(EligibilityCheck.check(new Application(OTHER_ID_NUMBER, "职业培训师", 3, on),
                await(store.bans(null))).eligible()).isTrue();
    }

    @Test
    @DisplayName("A minor C ban refuses on its last day and lets the second anniversary pass")
    void tierCMinorEnd() {
        recordBanOf(confirmed("d-c", MisconductCode.C2, Severity.MINOR, NOV_7));
        assertThat(check(ID_NUMBER, "职业培训师", LocalDate.of(2028, 11, 6)).eligible()).isFalse();
        assertThat(check(ID_NUMBER, "职业培训师", LocalDate.of(2028, 11, 7)).eligible()).isTrue();
    }

    @Test
    @DisplayName("A refusal names every blocking ban with its category, end date and decision")
    void refusalNamesEveryBan() {
        recordBanOf(confirmed("d-b", MisconductCode.B2, null, NOV_7));
        recordBanOf(confirmed("d-c", MisconductCode.C5, Severity.SERIOUS, NOV_7));
        EligibilityCheck.Result r = check(ID_NUMBER, "职业培训师", LocalDate.of(2026, 12, 1));
        assertThat(r.blocking()).extracting(Ban::decisionId).containsExactly("d-b", "d-c");
        assertThat(r.reason()).contains("d-b").contains("B2").contains("2026-12-31")
                .contains("d-c").contains("C5").contains("2031-11-06").contains("SERIOUS");
    }

    @Test
    @DisplayName("A lifted ban no longer refuses, and the registry keeps the ban beside its lift")
    void liftedBan() {
        recordBanOf(confirmed("d-b", MisconductCode.B1, null, NOV_7));
        BanStore.Lifted lifted = await(store.liftBan(new BanLift("d-b", "chief.zhao", shanghai(NOV_7.plusDays(10), 9),
                "appeal upheld")));
        assertThat(lifted.sittingId()).isEqualTo(Decisions.sitting(NOV_7).sittingId());
        assertThat(check(ID_NUMBER, "职业培训师", LocalDate.of(2026, 12, 1)).eligible()).isTrue();
        assertThat(await(store.bans(ID_NUMBER))).extracting(b -> b.ban().decisionId(), b -> b.lift().decisionId())
                .containsExactly(tuple("d-b", "d-b"));
        assertThat(failure(store.liftBan(new BanLift("d-b", "chief.zhao", shanghai(NOV_7.plusDays(11), 9), "again"))))
                .isInstanceOfSatisfying(BanStore.AlreadyLifted.class, e -> {
                    assertThat(e.getMessage()).contains("already lifted");
                    assertThat(e.existing().why()).isEqualTo("appeal upheld");
                });
        assertThat(failure(store.liftBan(new BanLift("d-none", "chief.zhao", shanghai(NOV_7, 9), "x"))))
                .isInstanceOfSatisfying(BanStore.NoSuchBan.class, e -> assertThat(e.getMessage()).contains("d-none"));
        assertThat(await(store.bans(ID_NUMBER)).get(0).lift().why()).isEqualTo("appeal upheld");
    }

    @Test
    @DisplayName("Recording the same decision twice is harmless; a different ban under the same decision is refused")
    void recordIsIdempotentPerDecision() {
        RecordedDecision decided = withSanction(confirmed("d-b", MisconductCode.B1, null, NOV_7));
        await(decisions.record(decided));
        await(decisions.record(decided));
        assertThat(await(store.bans(ID_NUMBER))).hasSize(1);
        Sanction s = decided.sanction().orElseThrow();
        Ban longer = new Ban("d-b", ID_NUMBER, MisconductCode.B1, null, NOV_7, LocalDate.of(2027, 12, 31));
        RecordedDecision other = new RecordedDecision(decided.decision(), decided.attemptId(), decided.seatCode(),
                Optional.of(new Sanction(s.decisionId(), s.idNumber(), s.sittingId(), s.category(), s.severity(),
                        s.scope(), s.subject(), Optional.of(longer), s.referral(), s.scoresInvalid(),
                        s.revokeCertificates(), s.eligibilityCancelled(), s.feesForfeited())));
        assertThat(failure(decisions.record(other))).isInstanceOfSatisfying(DecisionException.class,
                e -> assertThat(e.field()).isEqualTo("ban.decisionId"));
        assertThat(check(ID_NUMBER, "职业培训师", LocalDate.of(2027, 6, 1)).blocking()).isEmpty();
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable failure(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected a failure");
    }
}
