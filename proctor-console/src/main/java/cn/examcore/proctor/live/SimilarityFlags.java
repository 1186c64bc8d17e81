package cn.examcore.proctor.live;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import cn.examcore.proctor.rules.Explanation;
import cn.examcore.proctor.similarity.CandidateResponses;
import cn.examcore.proctor.similarity.ObjectiveItem;
import cn.examcore.proctor.similarity.PairEvidence;
import cn.examcore.proctor.similarity.PaperResponses;
import cn.examcore.proctor.similarity.SeatPosition;
import cn.examcore.proctor.similarity.SimilarityInputException;
import cn.examcore.proctor.similarity.SimilarityReport;
import cn.examcore.proctor.similarity.Suspicion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The answer-similarity detector's proposals as console flags, next to the rules engine's: one flag per candidate
 * of a B2 pair or C5 group, at that candidate's seat, so each person is confirmed or dismissed on their own (the
 * answers cannot tell the copier from the source). The flag id is the detector's reference plus the attempt, so a
 * re-run over the same answers gives the same flags under the same ids and adds none; a re-run that finds the same
 * proposal with other figures (more answers since) updates the flag in place. Flags stay open once proposed.
 *
 * <p>Not thread-safe: the console's live verticle calls it from its one event loop.
 */
public final class SimilarityFlags {

    /** The {@link FlagView#rule()} of a similarity flag. */
    public static final String RULE = "similarity";
    private static final int MAX_ID_CHARS = 400;

    private final Map<String, FlagView> flags = new LinkedHashMap<>();

    /**
     * One sitting's objective answers in the detector's terms, read from exam-server's
     * {@code GET /api/admin/sittings/{id}/objective-answers}.
     *
     * @param seatOf       attempt id → seat code
     * @param allSubmitted every attempt of the sitting was submitted when the answers were read
     */
    public record Sitting(String sittingId, List<ObjectiveItem> items, List<CandidateResponses> candidates,
                          Map<String, String> seatOf, boolean allSubmitted) {

        /**
         * @throws SimilarityInputException naming the attempt and item of every answer that cannot be read
         */
        public static Sitting parse(String sittingId, ObjectiveAnswers body) {
            List<List<ObjectiveAnswers.Item>> papers = new ArrayList<>();
            List<CandidateResponses> candidates = new ArrayList<>();
            Map<String, String> seatOf = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (ObjectiveAnswers.CandidateAnswers c : body.candidates()) {
                String attemptId = c.attemptId();
                try {
                    candidates.add(new CandidateResponses(attemptId, new SeatPosition(c.roomId(), c.row(), c.col()),
                            PaperResponses.responses(c.items(), c.answers())));
                } catch (SimilarityInputException e) {
                    e.problems().forEach(p -> problems.add("attempt " + attemptId + ", " + p));
                }
                papers.add(c.items());
                seatOf.put(attemptId, c.seatCode());
            }
            if (!problems.isEmpty()) {
                throw new SimilarityInputException(problems);
            }
            return new Sitting(sittingId, PaperResponses.objectiveItems(papers), candidates, seatOf,
                    body.allSubmitted());
        }
    }

    /**
     * The flags a report proposes, one per candidate of each suspicion, in the report's order.
     *
     * @param c5Severity the severity suggested for a C5 group (tier C); the chief proctor's decision sets the final one
     * @param at         when the run read the answers
     */
    public static List<FlagView> flagsOf(Sitting sitting, SimilarityReport report, Severity c5Severity, long at) {
        List<FlagView> out = new ArrayList<>();
        for (Suspicion s : report.suspicions()) {
            String reference = reference(s);
            List<SimilarityEvidence.Member> members = s.attemptIds().stream()
                    .map(a -> new SimilarityEvidence.Member(a, sitting.seatOf().get(a))).toList();
            List<SimilarityEvidence.Pair> pairs = s.pairs().stream().map(p -> pair(p, sitting.seatOf())).toList();
            SimilarityEvidence evidence = new SimilarityEvidence(reference, s.statistic(), s.observed(),
                    s.expected(), s.pValue(), s.neighbours(), members, pairs, report.candidates());
            MisconductCode category = s.category();
            Severity severity = category.tier() == MisconductCode.Tier.C ? c5Severity : null;
            for (SimilarityEvidence.Member m : members) {
                out.add(new FlagView(flagId(reference, m.attemptId()), sitting.sittingId(), m.seatCode(),
                        m.attemptId(), category.name(), category.tier().name(), severity, List.of(),
                        explanation(evidence, category), RULE, at, at, evidence));
            }
        }
        return out;
    }

    /**
     * The proposal in the catalogue's sentences, so the page shows it in its language; the detector's own English
     * account ({@code Suspicion.explanation}) stays in its reports.
     */
    static Explanation explanation(SimilarityEvidence e, MisconductCode category) {
        String expected = String.format(Locale.ROOT, "%.1f", e.expected());
        String p = String.format(Locale.ROOT, "%.1e", e.pValue());
        List<Message> parts = new ArrayList<>();
        if (category == MisconductCode.B2) {
            parts.add(Message.of(MessageKey.SIMILAR_PAIR, "seatA", e.members().get(0).seatCode(),
                    "seatB", e.members().get(1).seatCode(), "identical", e.observed(), "expected", expected, "p", p));
        } else {
            parts.add(Message.of(MessageKey.SIMILAR_GROUP, "count", e.members().size(),
                    "seats", e.members().stream().map(SimilarityEvidence.Member::seatCode).toList(),
                    "identical", e.observed(), "expected", expected, "p", p));
        }
        if (e.neighbours()) {
            parts.add(Message.of(MessageKey.SIMILAR_NEIGHBOURS));
        }
        parts.add(Message.of(MessageKey.SIMILAR_NOT_A_VERDICT));
        return Explanation.of(parts);
    }

    /**
     * Takes a run's flags: returns those that are new or whose figures changed (each keeps the time it was first
     * proposed); a flag proposed again unchanged is not returned, so a re-run sends nothing.
     */
    public List<FlagView> merge(List<FlagView> proposed) {
        List<FlagView> changed = new ArrayList<>();
        for (FlagView f : proposed) {
            FlagView before = flags.get(f.id());
            if (before != null && before.similarity().equals(f.similarity())
                    && before.explanation().equals(f.explanation()) && before.seatCode().equals(f.seatCode())) {
                continue;
            }
            FlagView kept = before == null ? f : new FlagView(f.id(), f.sittingId(), f.seatCode(), f.attemptId(),
                    f.category(), f.tier(), f.severity(), f.evidence(), f.explanation(), f.rule(), before.at(),
                    f.updatedAt(), f.similarity());
            flags.put(f.id(), kept);
            changed.add(kept);
        }
        return changed;
    }

    /** Every similarity flag proposed so far, in the order first proposed. */
    public Collection<FlagView> all() {
        return List.copyOf(flags.values());
    }

    /**
     * The reference names the proposal, the attempt the person: {@code B2:a+b@a}. A decision keeps a flag id of at
     * most 400 characters, so a large C5 group's reference is replaced by its name-based UUID.
     */
    static String flagId(String reference, String attemptId) {
        String id = reference + "@" + attemptId;
        if (id.length() <= MAX_ID_CHARS) {
            return id;
        }
        String category = reference.substring(0, reference.indexOf(':'));
        return category + ":" + UUID.nameUUIDFromBytes(reference.getBytes(StandardCharsets.UTF_8)) + "@" + attemptId;
    }

    private static SimilarityEvidence.Pair pair(PairEvidence p, Map<String, String> seatOf) {
        return new SimilarityEvidence.Pair(p.attemptA(), seatOf.get(p.attemptA()), p.attemptB(),
                seatOf.get(p.attemptB()), p.neighbours(), p.itemsBothAnswered(), p.bothWrong(), p.identicalWrong(),
                p.expectedIdenticalWrong(), p.pValue(), p.threshold(), p.identicalCorrect());
    }

    /**
     * The reference of a suspicion, which carries no id: its category and its (sorted) attempts. The detector is
     * deterministic, so a re-run over the same answers names the same candidates and gives the same reference.
     */
    static String reference(Suspicion suspicion) {
        return suspicion.category() + ":" + String.join("+", suspicion.attemptIds());
    }
}
