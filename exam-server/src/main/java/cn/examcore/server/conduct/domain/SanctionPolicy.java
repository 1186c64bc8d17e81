package cn.examcore.server.conduct.domain;

import cn.examcore.contract.Evaluation;
import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * 处理办法: turns a confirmed {@link Decision} into its {@link Sanction}. Pure: the same decision and table always
 * give the same sanction, so it can be recomputed for any record at any time.
 */
public final class SanctionPolicy {

    private final SanctionTable table;

    public SanctionPolicy(SanctionTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** A policy with the 2026 notices' table. */
    public static SanctionPolicy defaults() {
        return new SanctionPolicy(SanctionTable.defaults());
    }

    /** The Shanghai calendar date of a server instant ({@link Evaluation#ZONE}). */
    public static LocalDate dateOf(Instant at) {
        return at.atZone(Evaluation.ZONE).toLocalDate();
    }

    /**
     * The sanction of a confirmed decision.
     *
     * @throws DecisionException when the decision is a dismissal, which carries no sanction
     */
    public Sanction sanctionFor(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        if (!decision.confirmed()) {
            throw new DecisionException("decision.outcome", "decision " + decision.id()
                    + " is " + decision.outcome() + "; only a confirmed decision carries a sanction");
        }
        MisconductCode category = decision.category();
        Tier tier = category.tier();
        Severity severity = decision.severity();
        BanTerm term = switch (tier) {
            case A -> table.tierA();
            case B -> table.tierB();
            case C -> severity == Severity.SERIOUS ? table.tierCSerious() : table.tierCMinor();
        };
        LocalDate from = decision.sitting().sittingDate();
        Optional<Ban> ban = term.lastDay(from).map(until -> new Ban(decision.id(), decision.candidate().idNumber(),
                category, severity, from, until));
        boolean c1 = category == MisconductCode.C1;
        return new Sanction(decision.id(), decision.candidate().idNumber(), decision.sitting().sittingId(),
                category, severity,
                tier == Tier.A ? Sanction.Scope.THIS_SUBJECT : Sanction.Scope.ALL_SUBJECTS,
                decision.sitting().subject(), ban,
                tier == Tier.C && severity == Severity.SERIOUS && table.referSerious(),
                decision.afterSitting(),
                // The first notice (申报材料) invalidates certificates obtained on false materials whenever found.
                decision.afterSitting() || c1,
                c1, c1);
    }
}
