package cn.examcore.server.conduct.domain;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 决定: a staff member's recorded decision on a proposed flag, a similarity suspicion, or a direct finding. A
 * confirmed decision is what results and the ban registry apply; a decision is never edited, and a flag has at
 * most one (a second is refused as a conflict).
 *
 * @param id           unique id, cited by sanctions, bans and adjusted results
 * @param by           the staff member's username
 * @param at           server time the decision was taken
 * @param flag         the proposal it answers, or null for a direct finding (e.g. after the sitting)
 * @param category     the misconduct category decided on
 * @param severity     情节: required to confirm a tier-C category, forbidden for tiers A and B
 * @param candidate    who it is about
 * @param sitting      the sitting, subject and its date
 * @param evidence     ids of the supporting seat events, in the order the reviewer cites them
 * @param reason       the reviewer's account; required for a dismissal, and for a confirmation without evidence
 * @param afterSitting 评价活动结束后发现: found after the sitting ended (scores declared invalid, certificates revoked)
 * @param outcome      confirmed or dismissed
 */
public record Decision(String id, String by, Instant at, FlagRef flag, MisconductCode category, Severity severity,
                       CandidateIdentity candidate, SittingSubject sitting, List<String> evidence, String reason,
                       boolean afterSitting, Outcome outcome) {

    public Decision {
        id = DecisionException.requireText("decision.id", id);
        by = DecisionException.requireText("decision.by", by);
        DecisionException.require("decision.at", at);
        DecisionException.require("decision.category", category);
        DecisionException.require("decision.candidate", candidate);
        DecisionException.require("decision.sitting", sitting);
        DecisionException.require("decision.outcome", outcome);
        reason = reason == null ? "" : reason.strip();
        evidence = evidenceIds(evidence);

        if (category.tier() != Tier.C && severity != null) {
            throw new DecisionException("decision.severity", "a severity (情节) applies to tier C only, but "
                    + category + " is tier " + category.tier() + "; leave it empty");
        }
        if (outcome == Outcome.CONFIRMED && category.tier() == Tier.C && severity == null) {
            throw new DecisionException("decision.severity", "confirming tier-C category " + category
                    + " needs a severity: MINOR (2-year ban) or SERIOUS (5-year ban and referral)");
        }
        if (outcome == Outcome.DISMISSED && reason.isEmpty()) {
            throw new DecisionException("decision.reason", "a dismissal needs a reason");
        }
        if (outcome == Outcome.CONFIRMED && evidence.isEmpty() && reason.isEmpty()) {
            throw new DecisionException("decision.reason",
                    "a confirmation without evidence references needs a reason describing the finding");
        }
        LocalDate decidedOn = SanctionPolicy.dateOf(at);
        if (afterSitting && decidedOn.isBefore(sitting.sittingDate())) {
            throw new DecisionException("decision.afterSitting", "decision taken on " + decidedOn
                    + " cannot be after a sitting held on " + sitting.sittingDate());
        }
    }

    /** The decision's severity, empty for tiers A and B and for dismissed tier-C flags without one. */
    public Optional<Severity> severityIfAny() {
        return Optional.ofNullable(severity);
    }

    /** Whether this decision confirms misconduct, i.e. whether a sanction follows from it. */
    public boolean confirmed() {
        return outcome == Outcome.CONFIRMED;
    }

    private static List<String> evidenceIds(List<String> evidence) {
        if (evidence == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(evidence.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < evidence.size(); i++) {
            String eventId = DecisionException.requireText("decision.evidence[" + i + "]", evidence.get(i));
            if (!seen.add(eventId)) {
                throw new DecisionException("decision.evidence[" + i + "]", "event " + eventId
                        + " is cited twice");
            }
            ids.add(eventId);
        }
        return List.copyOf(ids);
    }
}
