package cn.examcore.proctor.decision;

import static cn.examcore.server.conduct.domain.Decisions.CANDIDATE;
import static cn.examcore.server.conduct.domain.Decisions.OTHER_ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.confirmed;
import static cn.examcore.server.conduct.domain.Decisions.dismissed;
import static cn.examcore.server.conduct.domain.Decisions.shanghai;
import static cn.examcore.server.conduct.domain.Decisions.sitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import cn.examcore.proctor.rules.Evidence;
import cn.examcore.proctor.rules.Explanation;
import cn.examcore.proctor.rules.ProposedFlag;
import cn.examcore.proctor.similarity.Suspicion;
import cn.examcore.server.conduct.domain.CandidateIdentity;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.Decisions;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.Outcome;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FlagReviewTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 7);

    private static FlagReview review() {
        ProposedFlag flag = new ProposedFlag("flag-1", "S-2026-11", "R101-03", "att-1", MisconductCode.B1,
                MisconductCode.Tier.B, null, List.of(new Evidence("e-1", "USB_STORAGE_INSERTED",
                shanghai(DAY, 9).toEpochMilli())), Explanation.of(Message.of(MessageKey.DEVICE_REPORTED, "kind",
                "USB_STORAGE_INSERTED")), "DeviceRule",
                shanghai(DAY, 9).toEpochMilli());
        return FlagReview.of(flag);
    }

    @Test
    @DisplayName("A rules-engine flag starts as PROPOSED with its rule, time and explanation on the trail")
    void startsProposed() {
        FlagReview review = review();
        assertThat(review.state()).isEqualTo(FlagReview.State.PROPOSED);
        assertThat(review.current()).isEmpty();
        assertThat(review.flag()).contains(new FlagRef(FlagRef.Source.RULES, "flag-1"));
        assertThat(review.history()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(ReviewEntry.Action.PROPOSED);
            assertThat(e.by()).isEqualTo("rule:DeviceRule");
            assertThat(e.at()).isEqualTo(shanghai(DAY, 9));
            assertThat(e.why()).isEqualTo("USB storage inserted at the seat during the attempt");
        });
    }

    @Test
    @DisplayName("Confirming moves to CONFIRMED and records who, when and the decision")
    void confirmRecordsTheDecision() {
        FlagReview review = review();
        Decision d = confirmed("d-1", MisconductCode.B1, null, DAY);
        ReviewEntry entry = review.confirm(d);
        assertThat(review.state()).isEqualTo(FlagReview.State.CONFIRMED);
        assertThat(review.current()).contains(d);
        assertThat(entry.sequence()).isEqualTo(1);
        assertThat(entry.by()).isEqualTo("proctor.li");
        assertThat(entry.decision()).isEqualTo(d);
        assertThat(entry.previous()).isNull();
    }

    @Test
    @DisplayName("A confirmed flag cannot be confirmed again or dismissed, and the trail stays unchanged")
    void noSecondDecision() {
        FlagReview review = review();
        review.confirm(confirmed("d-1", MisconductCode.B1, null, DAY));
        assertThatThrownBy(() -> review.confirm(confirmed("d-2", MisconductCode.B1, null, DAY)))
                .isInstanceOfSatisfying(DecisionException.class, e -> {
                    assertThat(e.field()).isEqualTo("review.state");
                    assertThat(e.getMessage()).contains("already CONFIRMED").contains("proctor.li")
                            .contains("revision");
                });
        assertThatThrownBy(() -> review.dismiss(dismissed("d-3", MisconductCode.B1, DAY, 11)))
                .isInstanceOf(DecisionException.class);
        assertThat(review.history()).hasSize(2);
        assertThat(review.current().orElseThrow().id()).isEqualTo("d-1");
    }

    @Test
    @DisplayName("A revision supersedes the decision and keeps the old and new decision on the trail")
    void revisionKeepsHistory() {
        FlagReview review = review();
        Decision first = confirmed("d-1", MisconductCode.B1, null, DAY);
        review.confirm(first);
        Decision second = dismissed("d-2", MisconductCode.B1, DAY, 16);
        ReviewEntry entry = review.revise(second, "appeal upheld: the USB drive was the approved exam key");

        assertThat(review.state()).isEqualTo(FlagReview.State.DISMISSED);
        assertThat(review.current()).contains(second);
        assertThat(entry.action()).isEqualTo(ReviewEntry.Action.REVISED);
        assertThat(entry.previous()).isEqualTo(first);
        assertThat(entry.decision()).isEqualTo(second);
        assertThat(review.history()).extracting(ReviewEntry::action).containsExactly(ReviewEntry.Action.PROPOSED,
                ReviewEntry.Action.CONFIRMED, ReviewEntry.Action.REVISED);
        assertThat(review.history().get(1).decision()).isEqualTo(first);
    }

    @Test
    @DisplayName("A revision needs a decided flag, a reason, a new decision id and the same person")
    void revisionIsChecked() {
        FlagReview review = review();
        assertThatThrownBy(() -> review.revise(confirmed("d-1", MisconductCode.B1, null, DAY), "why"))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("review.state"));
        review.confirm(confirmed("d-1", MisconductCode.B1, null, DAY));
        assertThatThrownBy(() -> review.revise(confirmed("d-2", MisconductCode.B2, null, DAY), " "))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("revision.why"));
        assertThatThrownBy(() -> review.revise(confirmed("d-1", MisconductCode.B2, null, DAY), "recategorised"))
                .isInstanceOfSatisfying(DecisionException.class, e -> assertThat(e.field()).isEqualTo("decision.id"));
        Decision otherPerson = new Decision("d-9", "proctor.li", shanghai(DAY, 12), Decisions.FLAG,
                MisconductCode.B2, null, new CandidateIdentity(OTHER_ID_NUMBER, "李四", "T2"), sitting(DAY),
                List.of("e-1"), "", false, Outcome.CONFIRMED);
        assertThatThrownBy(() -> review.revise(otherPerson, "wrong person"))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.candidate.idNumber"));
        assertThat(review.history()).hasSize(2);
    }

    @Test
    @DisplayName("A decision for another flag, with the wrong outcome, or dated before the proposal is refused")
    void decisionMustFitTheReview() {
        FlagReview review = review();
        Decision otherFlag = new Decision("d-1", "proctor.li", shanghai(DAY, 10),
                new FlagRef(FlagRef.Source.RULES, "flag-2"), MisconductCode.B1, null, CANDIDATE, sitting(DAY),
                List.of("e-1"), "", false, Outcome.CONFIRMED);
        assertThatThrownBy(() -> review.confirm(otherFlag))
                .isInstanceOfSatisfying(DecisionException.class, e -> assertThat(e.field()).isEqualTo("decision.flag"));
        assertThatThrownBy(() -> review.dismiss(confirmed("d-1", MisconductCode.B1, null, DAY)))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.outcome"));
        assertThatThrownBy(() -> review.dismiss(dismissed("d-1", MisconductCode.B1, DAY, 8)))
                .isInstanceOfSatisfying(DecisionException.class, e -> assertThat(e.field()).isEqualTo("decision.at"));
        assertThat(review.state()).isEqualTo(FlagReview.State.PROPOSED);
        assertThat(review.history()).hasSize(1);
    }

    @Test
    @DisplayName("A similarity suspicion is referenced by its category and attempts, and reviewed the same way")
    void suspicionReview() {
        Suspicion suspicion = new Suspicion(MisconductCode.C5, List.of("att-1", "att-2", "att-3"), "M", 12, 1.5,
                1e-9, true, "three candidates share 12 identical wrong answers", List.of());
        FlagReview review = FlagReview.of(suspicion, shanghai(DAY, 18));
        assertThat(review.flag()).contains(new FlagRef(FlagRef.Source.SIMILARITY, "C5:att-1+att-2+att-3"));
        Decision d = new Decision("d-s", "chief.zhao", shanghai(DAY, 19), FlagReview.refOf(suspicion), MisconductCode.C5,
                Severity.SERIOUS, CANDIDATE, sitting(DAY), List.of(), "answer logs examined", false,
                Outcome.CONFIRMED);
        review.confirm(d);
        assertThat(review.state()).isEqualTo(FlagReview.State.CONFIRMED);
    }

    @Test
    @DisplayName("A direct post-exam finding is reviewed without a flag reference")
    void directFinding() {
        FlagReview review = FlagReview.directFinding("admin.wang", shanghai(DAY.plusDays(30), 9),
                "false work certificate reported by the employer");
        Decision d = Decisions.confirmedAfterSitting("d-f", MisconductCode.C1, Severity.MINOR, DAY,
                DAY.plusDays(30));
        review.confirm(d);
        assertThat(review.flag()).isEmpty();
        assertThat(review.current()).contains(d);
        assertThatThrownBy(() -> FlagReview.directFinding("admin.wang", shanghai(DAY, 9), ""))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("proposal.why"));
    }
}
