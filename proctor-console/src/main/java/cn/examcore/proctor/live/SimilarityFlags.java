package cn.examcore.proctor.live;

import cn.examcore.contract.AnswerPacking;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import cn.examcore.proctor.rules.Explanation;
import cn.examcore.proctor.similarity.CandidateResponses;
import cn.examcore.proctor.similarity.EarlierAnswer;
import cn.examcore.proctor.similarity.ObjectiveItem;
import cn.examcore.proctor.similarity.PairEvidence;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The answer-similarity detector's proposals as console flags, next to the rules engine's: one flag per candidate
 * of a B2 pair or C5 group, at that candidate's seat, so each person is confirmed or dismissed on their own (the
 * answers cannot tell the copier from the source). The flag id is the detector's reference plus the attempt, so a
 * re-run over the same answers gives the same flags under the same ids and adds none; a re-run that finds the same
 * proposal with other figures (more answers since) updates the flag in place; a run of the sitting that no longer
 * proposes an open flag withdraws it, with a {@link Withdrawal} saying why (later answers no longer support it, or
 * its candidates now belong to another proposal).
 *
 * <p>Not thread-safe: the console's live verticle calls it from its one event loop.
 */
public final class SimilarityFlags {

    /** The {@link FlagView#rule()} of a similarity flag. */
    public static final String RULE = "similarity";
    private static final int MAX_ID_CHARS = 400;

    private final Map<String, FlagView> flags = new LinkedHashMap<>();
    private final List<Withdrawal> withdrawn = new ArrayList<>();

    /**
     * A proposal taken back by a later run: the event a viewer and the record get.
     *
     * @param flagId       the withdrawn flag
     * @param category     its category
     * @param proposedAt   when it was first proposed
     * @param at           when the run that withdrew it read the answers
     * @param supersededBy the flag id of the proposal that now names the candidate (B2 grown into C5, or a smaller
     *                     group), or null when no proposal names the candidate any more
     * @param reason       the reason in English for the record
     */
    public record Withdrawal(String flagId, String sittingId, String seatCode, String attemptId, String category,
                             long proposedAt, long at, String supersededBy, String reason) {
    }

    /** What one run changed: flags new or with new figures, and flags withdrawn. */
    public record Merged(List<FlagView> changed, List<Withdrawal> withdrawn) {
    }

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
            List<String> problems = new ArrayList<>();
            List<ObjectiveItem> items = new ArrayList<>();
            // Per wire item: its ObjectiveItem, or null for a true/false item without a key (not comparable).
            List<ObjectiveItem> byIndex = new ArrayList<>();
            for (int k = 0; k < body.items().size(); k++) {
                ObjectiveAnswers.BankItem b = body.items().get(k);
                ObjectiveItem item = switch (b.type()) {
                    case TRUE_FALSE -> b.correctTrueFalse() == null ? null
                            : ObjectiveItem.trueFalse(b.itemId(), b.correctTrueFalse());
                    case SINGLE_CHOICE -> new ObjectiveItem(b.itemId(), b.optionIds(), new TreeSet<>(b.key()), false);
                    case MULTIPLE_CHOICE -> new ObjectiveItem(b.itemId(), b.optionIds(), new TreeSet<>(b.key()), true);
                };
                byIndex.add(item);
                if (item != null) {
                    items.add(item);
                }
            }
            List<CandidateResponses> candidates = new ArrayList<>();
            Map<String, String> seatOf = new LinkedHashMap<>();
            for (ObjectiveAnswers.CandidateAnswers c : body.candidates()) {
                String where = "attempt " + c.attemptId();
                Map<String, Set<String>> responses = new LinkedHashMap<>();
                Map<String, Long> savedAt = new LinkedHashMap<>();
                Map<String, Integer> positions = new LinkedHashMap<>();
                List<AnswerPacking.Entry> entries;
                List<AnswerPacking.Earlier> changed;
                try {
                    entries = AnswerPacking.unpackAnswers(c.answers());
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": answers do not read as packed answers: " + e.getMessage());
                    continue;
                }
                try {
                    changed = AnswerPacking.unpackEarlier(c.earlier() == null ? "" : c.earlier());
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": earlier answers do not read as packed earlier answers: " + e.getMessage());
                    continue;
                }
                int n = entries.size();
                for (int j = 0; j < n; j++) {
                    AnswerPacking.Entry entry = entries.get(j);
                    int k = entry.item();
                    if (k >= byIndex.size()) {
                        problems.add(where + ", item " + (j + 1) + ": index " + k + " is not one of the "
                                + byIndex.size() + " items");
                        continue;
                    }
                    ObjectiveItem item = byIndex.get(k);
                    if (item == null) {
                        continue;
                    }
                    positions.put(item.itemId(), j + 1);
                    if (entry.answer() == 0) {
                        continue;
                    }
                    Set<String> chosen = chosen(body.items().get(k), item, entry.answer());
                    if (chosen == null) {
                        problems.add(where + ", item " + (j + 1) + " ('" + item.itemId() + "'): answer code "
                                + entry.answer() + " is not a set of options below " + item.optionIds().size());
                        continue;
                    }
                    responses.put(item.itemId(), chosen);
                    savedAt.put(item.itemId(), body.epochMillis(entry.savedAt()));
                }
                Map<String, List<EarlierAnswer>> earlier = new LinkedHashMap<>();
                for (AnswerPacking.Earlier e : changed) {
                    String at = where + ", earlier answers of item " + (e.position() + 1);
                    if (e.position() >= n) {
                        problems.add(at + ": not an item of the paper (it has " + n + ")");
                        continue;
                    }
                    int k = entries.get(e.position()).item();
                    ObjectiveItem item = k >= byIndex.size() ? null : byIndex.get(k);
                    if (item == null || !responses.containsKey(item.itemId())) {
                        continue;
                    }
                    List<EarlierAnswer> list = new ArrayList<>();
                    for (int x = 0; x < e.answers().size(); x++) {
                        Set<String> chosen = chosen(body.items().get(k), item, e.answers().get(x));
                        if (chosen == null) {
                            problems.add(at + " ('" + item.itemId() + "'): answer code " + e.answers().get(x)
                                    + " is not a set of options below " + item.optionIds().size());
                        } else {
                            list.add(new EarlierAnswer(chosen, body.epochMillis(e.savedAt().get(x))));
                        }
                    }
                    earlier.put(item.itemId(), list);
                }
                candidates.add(new CandidateResponses(c.attemptId(), new SeatPosition(c.roomId(), c.row(), c.col()),
                        responses, savedAt, positions, earlier));
                seatOf.put(c.attemptId(), c.seatCode());
            }
            if (!problems.isEmpty()) {
                throw new SimilarityInputException(problems);
            }
            return new Sitting(sittingId, items, candidates, seatOf, body.allSubmitted());
        }

        /**
         * The wire's answer code ({@link AnswerPacking}: a bit set of option indices, or true/false) as bank option
         * ids; null when it does not fit the item.
         */
        private static Set<String> chosen(ObjectiveAnswers.BankItem bank, ObjectiveItem item, long code) {
            if (bank.type() == ObjectiveAnswers.ObjectiveType.TRUE_FALSE) {
                return code == AnswerPacking.TRUE ? Set.of(ObjectiveItem.TRUE)
                        : code == AnswerPacking.FALSE ? Set.of(ObjectiveItem.FALSE) : null;
            }
            int options = item.optionIds().size();
            if (code <= 0 || options < AnswerPacking.MAX_OPTIONS && (code >>> options) != 0) {
                return null;
            }
            Set<String> out = new TreeSet<>();
            for (int o : AnswerPacking.options(code)) {
                out.add(item.optionIds().get(o));
            }
            return Set.copyOf(out);
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
        Map<String, SeatPosition> seats = new LinkedHashMap<>();
        sitting.candidates().forEach(c -> seats.put(c.attemptId(), c.seat()));
        for (Suspicion s : report.suspicions()) {
            String reference = reference(s);
            List<SimilarityEvidence.Member> members = s.attemptIds().stream().map(a -> {
                SeatPosition at2 = seats.get(a);
                return new SimilarityEvidence.Member(a, sitting.seatOf().get(a), at2 == null ? null : at2.room(),
                        at2 == null ? 0 : at2.row(), at2 == null ? 0 : at2.col());
            }).toList();
            List<SimilarityEvidence.Pair> pairs = s.pairs().stream().map(p -> pair(p, sitting.seatOf())).toList();
            SimilarityReport.Power power = report.power();
            SimilarityEvidence evidence = new SimilarityEvidence(reference, s.statistic(), s.observed(),
                    s.expected(), s.pValue(), s.neighbours(), members, pairs, report.candidates(), s.joined(),
                    power.medianSharedItems(), Double.isNaN(power.minimumDetectableCopy()) ? null
                    : power.minimumDetectableCopy());
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
     * Takes one run's flags for a sitting: returns those that are new or whose figures changed (each keeps the time
     * it was first proposed; a flag proposed again unchanged is not returned, so a re-run sends nothing), and
     * withdraws every open flag of the sitting the run no longer proposes.
     *
     * @param at         when the run read the answers
     * @param candidates how many candidates the run analysed (for the reason)
     */
    public Merged merge(String sittingId, List<FlagView> proposed, long at, int candidates) {
        List<FlagView> changed = new ArrayList<>();
        Map<String, String> nowNaming = new LinkedHashMap<>();
        for (FlagView f : proposed) {
            nowNaming.put(f.attemptId(), f.id());
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
        java.util.Set<String> ids = new java.util.HashSet<>();
        proposed.forEach(f -> ids.add(f.id()));
        List<Withdrawal> out = new ArrayList<>();
        for (java.util.Iterator<FlagView> it = flags.values().iterator(); it.hasNext(); ) {
            FlagView f = it.next();
            if (!f.sittingId().equals(sittingId) || ids.contains(f.id())) {
                continue;
            }
            it.remove();
            String successor = nowNaming.get(f.attemptId());
            String reason = successor != null
                    ? "superseded: the run of " + at + " over " + candidates + " candidates proposes " + successor
                    + " instead"
                    : "no longer supported: the run of " + at + " over " + candidates + " candidates, with the answers"
                    + " saved since, does not find " + f.similarity().reference() + " any more";
            Withdrawal w = new Withdrawal(f.id(), f.sittingId(), f.seatCode(), f.attemptId(), f.category(), f.at(),
                    at, successor, reason);
            out.add(w);
            withdrawn.add(w);
        }
        return new Merged(changed, out);
    }

    /** Every withdrawal so far, oldest first. */
    public List<Withdrawal> withdrawn() {
        return List.copyOf(withdrawn);
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
                p.expectedIdenticalWrong(), p.pValue(), p.threshold(), p.identicalCorrect(), p.identicalCorrectHard(),
                p.answersPValue(), p.timingTest(), p.timedItems(),
                Double.isNaN(p.timingCorrelation()) ? null : p.timingCorrelation(), p.lockstepItems(),
                p.timingPValue(), p.changesFollowed(), p.changesPValue(), p.items().stream().map(i -> new SimilarityEvidence.ItemTiming(i.itemId(),
                        i.identical(), i.savedAtA(), i.savedAtB())).toList());
    }

    /**
     * The reference of a suspicion, which carries no id: its category and its (sorted) attempts. The detector is
     * deterministic, so a re-run over the same answers names the same candidates and gives the same reference.
     */
    static String reference(Suspicion suspicion) {
        return suspicion.category() + ":" + String.join("+", suspicion.attemptIds());
    }
}
