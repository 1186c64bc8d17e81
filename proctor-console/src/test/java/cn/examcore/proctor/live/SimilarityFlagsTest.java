package cn.examcore.proctor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.AnswerPacking;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.SeatProgress;
import cn.examcore.contract.Severity;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.i18n.Catalog;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import cn.examcore.proctor.rules.Explanation;
import cn.examcore.proctor.rules.RulesConfig;
import cn.examcore.proctor.similarity.CandidateResponses;
import cn.examcore.proctor.similarity.EarlierAnswer;
import cn.examcore.proctor.similarity.ObjectiveItem;
import cn.examcore.proctor.similarity.SeatPosition;
import cn.examcore.proctor.similarity.SimilarityInputException;
import cn.examcore.proctor.similarity.SimilarityDetector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The similarity detector's proposals as live flags, and seat progress on the live streams. */
class SimilarityFlagsTest {

    private static final long T0 = 1_777_000_000_000L;
    private static final int ITEMS = 40;
    private static final List<String> OPTIONS = List.of("o1", "o2", "o3", "o4");

    /**
     * A room of 4 × 5 seats, 40 four-option items with key o1; honest candidates are right with a chance that
     * depends on their ability and pick a wrong option at random. With {@code planted}, the candidate at seat 2
     * copies every answer of the weak candidate at seat 1 (its neighbour).
     */
    private static SimilarityFlags.Sitting sitting(boolean planted) {
        return sitting(planted ? Set.of(1) : Set.of());
    }

    /** As above, with every candidate in {@code copiers} copying the candidate at seat 1. */
    private static SimilarityFlags.Sitting sitting(Set<Integer> copiers) {
        List<ObjectiveItem> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(ObjectiveItem.singleChoice("item-" + i, OPTIONS, "o1"));
        }
        SplittableRandom rnd = new SplittableRandom(42);
        List<CandidateResponses> candidates = new ArrayList<>();
        Map<String, String> seatOf = new LinkedHashMap<>();
        Map<String, Set<String>> source = null;
        for (int c = 0; c < 20; c++) {
            int row = c / 5 + 1;
            int col = c % 5 + 1;
            String attempt = String.format("att-%02d", c);
            double right = c == 0 ? 0.2 : 0.35 + 0.03 * c;
            Map<String, Set<String>> answers = new LinkedHashMap<>();
            for (ObjectiveItem item : items) {
                answers.put(item.itemId(), Set.of(rnd.nextDouble() < right ? "o1" : OPTIONS.get(1 + rnd.nextInt(3))));
            }
            if (c == 0) {
                source = answers;
            }
            if (copiers.contains(c)) {
                answers = source;
            }
            candidates.add(new CandidateResponses(attempt, new SeatPosition("R1", row, col), answers));
            seatOf.put(attempt, String.format("R1-%02d", c + 1));
        }
        return new SimilarityFlags.Sitting("S1", items, candidates, seatOf, false);
    }

    private static List<FlagView> run(SimilarityFlags.Sitting s) {
        return SimilarityFlags.flagsOf(s, new SimilarityDetector().analyse(s.items(), s.candidates()),
                Severity.SERIOUS, T0);
    }

    @Test
    @DisplayName("identical answers at neighbouring seats give one B2 flag per candidate, at each one's seat, with "
            + "the pair statistic, p-value and seats; honest answers give none")
    void plantedPairBecomesTwoB2Flags() {
        List<FlagView> flags = run(sitting(true));
        assertThat(flags).extracting(FlagView::seatCode).containsExactly("R1-01", "R1-02");
        assertThat(flags).extracting(FlagView::id).containsExactly("B2:att-00+att-01@att-00",
                "B2:att-00+att-01@att-01");
        assertThat(flags).allSatisfy(f -> {
            assertThat(f.category()).isEqualTo("B2");
            assertThat(f.tier()).isEqualTo("B");
            assertThat(f.severity()).isNull();
            assertThat(f.rule()).isEqualTo(SimilarityFlags.RULE);
            assertThat(f.evidence()).isEmpty();
            SimilarityEvidence e = f.similarity();
            assertThat(e.reference()).isEqualTo("B2:att-00+att-01");
            assertThat(e.members()).extracting(SimilarityEvidence.Member::seatCode).containsExactly("R1-01", "R1-02");
            assertThat(e.pairs()).singleElement().satisfies(p -> {
                assertThat(p.neighbours()).isTrue();
                assertThat(p.seatA()).isEqualTo("R1-01");
                assertThat(p.seatB()).isEqualTo("R1-02");
                assertThat(p.identicalWrong()).isEqualTo(p.bothWrong()).isGreaterThan(20);
                assertThat(p.pValue()).isLessThanOrEqualTo(p.threshold());
            });
            assertThat(e.pValue()).isLessThan(1e-6);
        });
        assertThat(flags.get(0).attemptId()).isEqualTo("att-00");
        assertThat(flags.get(1).attemptId()).isEqualTo("att-01");
        Explanation why = flags.get(0).explanation();
        assertThat(why.parts()).extracting(Message::key).containsExactly(MessageKey.SIMILAR_PAIR,
                MessageKey.SIMILAR_NEIGHBOURS, MessageKey.SIMILAR_NOT_A_VERDICT);
        assertThat(Catalog.standard().render(why.parts(), Catalog.Lang.ZH))
                .startsWith("考位 R1-01 与 R1-02 有 " + flags.get(0).similarity().observed() + " 题错误答案相同")
                .contains("座位相邻").doesNotContain("{");
        assertThat(why.text()).startsWith("seats R1-01 and R1-02 gave the same wrong answer on "
                + flags.get(0).similarity().observed() + " items").contains("the seats touch").doesNotContain("{");

        assertThat(run(sitting(false))).as("the same room answering independently").isEmpty();
    }

    @Test
    @DisplayName("a group copying one sheet gives a C5 flag (tier C, the configured severity suggested) per member, "
            + "each naming every member's seat")
    void groupBecomesC5Flags() {
        SimilarityFlags.Sitting s = sitting(Set.of(1, 7, 13));
        List<FlagView> flags = SimilarityFlags.flagsOf(s, new SimilarityDetector().analyse(s.items(),
                s.candidates()), Severity.SERIOUS, T0);
        assertThat(flags).extracting(FlagView::seatCode).containsExactly("R1-01", "R1-02", "R1-08", "R1-14");
        assertThat(flags).allSatisfy(f -> {
            assertThat(f.category()).isEqualTo("C5");
            assertThat(f.tier()).isEqualTo("C");
            assertThat(f.severity()).isEqualTo(Severity.SERIOUS);
            assertThat(f.id()).isEqualTo("C5:att-00+att-01+att-07+att-13@" + f.attemptId());
            assertThat(f.similarity().members()).extracting(SimilarityEvidence.Member::seatCode)
                    .containsExactly("R1-01", "R1-02", "R1-08", "R1-14");
            assertThat(f.similarity().pairs()).isNotEmpty();
            assertThat(f.explanation().parts().get(0).key()).isEqualTo(MessageKey.SIMILAR_GROUP);
            assertThat(Catalog.standard().render(f.explanation().parts(), Catalog.Lang.ZH))
                    .startsWith("4 名考生（考位 R1-01、R1-02、R1-08、R1-14）").doesNotContain("{");
            assertThat(f.explanation().text()).startsWith("4 candidates (seats R1-01, R1-02, R1-08, R1-14)");
        });
    }

    @Test
    @DisplayName("a flag id stays within the 400 characters a decision keeps: a long C5 reference becomes its UUID")
    void longReferencesAreShortened() {
        String attempt = "a".repeat(36);
        String reference = "C5:" + String.join("+", java.util.Collections.nCopies(12, attempt));
        String id = SimilarityFlags.flagId(reference, attempt);
        assertThat(id).hasSizeLessThanOrEqualTo(400).startsWith("C5:").endsWith("@" + attempt)
                .isEqualTo(SimilarityFlags.flagId(reference, attempt));
        assertThat(SimilarityFlags.flagId("B2:x+y", "x")).isEqualTo("B2:x+y@x");
    }

    @Test
    @DisplayName("a re-run over the same answers gives the same flags and sends nothing; viewers get only their "
            + "seats' similarity flags, in the batch and in the snapshot")
    void rerunAddsNothing() {
        AtomicLong now = new AtomicLong(T0);
        LiveHub hub = new LiveHub(new LiveRules(RulesConfig.defaults(), 0), now::get);
        List<JsonNode> mine = new ArrayList<>();
        hub.join(viewer(Set.of("R1-02", "R1-10"), mine));
        List<FlagView> first = run(sitting(true));
        assertThat(hub.similarityFlags("S1", first, T0, 20).changed()).hasSize(2);
        now.addAndGet(250);
        hub.flush();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(1).path("flags")).singleElement().satisfies(f -> {
            assertThat(f.path("seatCode").asText()).isEqualTo("R1-02");
            assertThat(f.path("similarity").path("pairs").get(0).path("seatA").asText()).isEqualTo("R1-01");
            // Item by item: alike or not and the save times, never an option or right/wrong (keys stay secret).
            JsonNode item = f.path("similarity").path("pairs").get(0).path("items").get(0);
            List<String> fields = new ArrayList<>();
            item.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("itemId", "identical", "savedAtA", "savedAtB");
            assertThat(f.path("similarity").path("pairs").get(0).path("items")).hasSize(ITEMS);
            assertThat(f.toString()).doesNotContain("\"o1\"", "\"o2\"", "correct\"");
        });

        now.addAndGet(300_000);
        List<FlagView> again = SimilarityFlags.flagsOf(sitting(true), new SimilarityDetector()
                .analyse(sitting(true).items(), sitting(true).candidates()), Severity.SERIOUS, now.get());
        assertThat(again).extracting(FlagView::id).isEqualTo(first.stream().map(FlagView::id).toList());
        assertThat(hub.similarityFlags("S1", again, now.get(), 20).changed()).isEmpty();
        hub.flush();
        assertThat(mine).as("an unchanged re-run sends nothing").hasSize(2);
        assertThat(hub.flags()).hasSize(2).allSatisfy(f -> assertThat(f.at()).isEqualTo(T0));

        List<JsonNode> late = new ArrayList<>();
        hub.join(viewer(Set.of("R1-01"), late));
        assertThat(late.get(0).path("flags")).singleElement()
                .satisfies(f -> assertThat(f.path("id").asText()).isEqualTo("B2:att-00+att-01@att-00"));
    }

    @Test
    @DisplayName("exam-server's bank items and packed answers (option bit sets, save times in deciseconds after the"
            + " sitting's origin, earlier answers, paper order) reach the detector in bank terms; a bad answer or a"
            + " broken packed string is named with its attempt and item")
    void wireFormIsRead() {
        ObjectiveAnswers.BankItem single = new ObjectiveAnswers.BankItem("S1",
                ObjectiveAnswers.ObjectiveType.SINGLE_CHOICE, List.of("x", "y", "z"), List.of("y"), null);
        ObjectiveAnswers.BankItem multiple = new ObjectiveAnswers.BankItem("M1",
                ObjectiveAnswers.ObjectiveType.MULTIPLE_CHOICE, List.of("p", "q", "r"), List.of("p", "r"), null);
        ObjectiveAnswers.BankItem tf = new ObjectiveAnswers.BankItem("T1", ObjectiveAnswers.ObjectiveType.TRUE_FALSE,
                List.of(), List.of(), true);
        ObjectiveAnswers.BankItem unkeyed = new ObjectiveAnswers.BankItem("T2",
                ObjectiveAnswers.ObjectiveType.TRUE_FALSE, List.of(), List.of(), null);
        // The paper lists T1, S1, M1, T2. S1 (paper item 2) was answered x (code 1) 2 s after the origin, then y
        // (code 2) at 5 s.
        java.util.function.Function<long[], ObjectiveAnswers> body = codes -> new ObjectiveAnswers("S1", T0, 2, 0,
                false, T0, List.of(single, multiple, tf, unkeyed), List.of(
                new ObjectiveAnswers.CandidateAnswers("att-1", "R1-01", "R1", 1, 1, "ANSWERING",
                        AnswerPacking.packAnswers(List.of(new AnswerPacking.Entry(2, codes[0], 90),
                                new AnswerPacking.Entry(0, codes[1], 50), new AnswerPacking.Entry(1, codes[2], 70),
                                new AnswerPacking.Entry(3, codes[3], 110))),
                        AnswerPacking.packEarlier(List.of(new AnswerPacking.Earlier(1, List.of(1L), List.of(20))))),
                new ObjectiveAnswers.CandidateAnswers("att-2", "R1-02", "R1", 1, 2, "ANSWERING",
                        AnswerPacking.packAnswers(List.of(new AnswerPacking.Entry(0, 0, 0))), "")));
        SimilarityFlags.Sitting s = SimilarityFlags.Sitting.parse("S1",
                body.apply(new long[] {AnswerPacking.TRUE, 2, 0, AnswerPacking.FALSE}));
        assertThat(s.items()).extracting(ObjectiveItem::itemId).containsExactly("S1", "M1", "T1");
        assertThat(s.items().get(1).multipleSelect()).isTrue();
        CandidateResponses first = s.candidates().get(0);
        assertThat(first.responses()).isEqualTo(Map.of("T1", Set.of("true"), "S1", Set.of("y")));
        assertThat(first.savedAt()).isEqualTo(Map.of("T1", T0 + 9_000L, "S1", T0 + 5_000L));
        assertThat(first.positions()).isEqualTo(Map.of("T1", 1, "S1", 2, "M1", 3));
        assertThat(first.earlier()).isEqualTo(Map.of("S1",
                List.of(new EarlierAnswer(Set.of("x"), T0 + 2_000L))));
        assertThat(s.candidates().get(1).responses()).isEmpty();
        // Options 0 and 2 of M1: p and r.
        assertThat(SimilarityFlags.Sitting.parse("S1", body.apply(new long[] {AnswerPacking.FALSE, 2, 0b101, 0}))
                .candidates().get(0).responses()).containsEntry("M1", Set.of("p", "r"))
                .containsEntry("T1", Set.of("false"));

        assertThatThrownBy(() -> SimilarityFlags.Sitting.parse("S1", body.apply(new long[] {3, 8, 0b1000, 0})))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems()).containsExactly(
                        "attempt att-1, item 1 ('T1'): answer code 3 is not a set of options below 2",
                        "attempt att-1, item 2 ('S1'): answer code 8 is not a set of options below 3",
                        "attempt att-1, item 3 ('M1'): answer code 8 is not a set of options below 3"));
        ObjectiveAnswers broken = new ObjectiveAnswers("S1", T0, 1, 0, false, T0, List.of(single), List.of(
                new ObjectiveAnswers.CandidateAnswers("att-1", "R1-01", "R1", 1, 1, "ANSWERING", "AIAB*", ""),
                new ObjectiveAnswers.CandidateAnswers("att-2", "R1-02", "R1", 1, 2, "ANSWERING",
                        AnswerPacking.packAnswers(List.of(new AnswerPacking.Entry(4, 1, 10))), "gA")));
        assertThatThrownBy(() -> SimilarityFlags.Sitting.parse("S1", broken))
                .isInstanceOfSatisfying(SimilarityInputException.class, e -> assertThat(e.problems()).satisfiesExactly(
                        p -> assertThat(p).startsWith("attempt att-1: answers do not read as packed answers: not"
                                + " URL-safe base64"),
                        p -> assertThat(p).isEqualTo("attempt att-2: earlier answers do not read as packed earlier"
                                + " answers: changed item 1: the packed string ends inside a number")));
    }

    @Test
    @DisplayName("a later run that no longer finds a pair withdraws both flags, with the reason, and tells the viewers")
    void unsupportedFlagsAreWithdrawn() {
        AtomicLong now = new AtomicLong(T0);
        LiveHub hub = new LiveHub(new LiveRules(RulesConfig.defaults(), 0), now::get);
        List<JsonNode> mine = new ArrayList<>();
        hub.join(viewer(Set.of("R1-02"), mine));
        hub.similarityFlags("S1", run(sitting(true)), T0, 20);
        hub.flush();
        assertThat(hub.flags()).hasSize(2);

        now.addAndGet(300_000);
        // The copier's answers changed since: the run over them proposes nothing.
        SimilarityFlags.Sitting later = sitting(false);
        SimilarityFlags.Merged merged = hub.similarityFlags("S1", SimilarityFlags.flagsOf(later,
                new SimilarityDetector().analyse(later.items(), later.candidates()), Severity.SERIOUS, now.get()),
                now.get(), 20);
        assertThat(merged.changed()).isEmpty();
        assertThat(merged.withdrawn()).extracting(SimilarityFlags.Withdrawal::flagId)
                .containsExactly("B2:att-00+att-01@att-00", "B2:att-00+att-01@att-01");
        assertThat(merged.withdrawn()).allSatisfy(w -> {
            assertThat(w.supersededBy()).isNull();
            assertThat(w.reason()).startsWith("no longer supported").contains("B2:att-00+att-01");
            assertThat(w.proposedAt()).isEqualTo(T0);
        });
        assertThat(hub.flags()).isEmpty();
        hub.flush();
        JsonNode batch = mine.get(mine.size() - 1);
        assertThat(batch.path("removedFlags")).extracting(JsonNode::asText).containsExactly("B2:att-00+att-01@att-01");
        assertThat(batch.path("withdrawals")).singleElement()
                .satisfies(w -> assertThat(w.path("reason").asText()).startsWith("no longer supported"));

        // A pair that grows into a group: the B2 flags give way to C5 flags, each withdrawal naming its successor.
        hub.similarityFlags("S1", run(sitting(true)), now.get(), 20);
        SimilarityFlags.Sitting grown = sitting(Set.of(1, 7, 13));
        merged = hub.similarityFlags("S1", SimilarityFlags.flagsOf(grown, new SimilarityDetector().analyse(
                grown.items(), grown.candidates()), Severity.SERIOUS, now.get()), now.get(), 20);
        assertThat(merged.withdrawn()).hasSize(2).allSatisfy(w -> assertThat(w.supersededBy()).startsWith("C5:"));
        assertThat(hub.flags()).extracting(FlagView::category).containsOnly("C5");
    }

    @Test
    @DisplayName("progress: only each seat's newest count in a flush goes out, and only to viewers of that seat")
    void progressIsCoalescedPerSeat() {
        AtomicLong now = new AtomicLong(T0);
        LiveHub hub = new LiveHub(new LiveRules(RulesConfig.defaults(), 0), now::get);
        List<JsonNode> mine = new ArrayList<>();
        hub.join(viewer(Set.of("R1-01"), mine));
        hub.onProgress(new SeatProgress("S1", "att-00", "R1-01", 3, T0 + 10));
        hub.onProgress(new SeatProgress("S1", "att-00", "R1-01", 5, T0 + 20));
        hub.onProgress(new SeatProgress("S1", "att-00", "R1-01", 4, T0 + 15));
        hub.onProgress(new SeatProgress("S1", "att-09", "R1-10", 7, T0 + 20));
        hub.onProgress(new SeatProgress("S2", "att-x", "R1-01", 9, T0 + 20));
        now.addAndGet(250);
        hub.flush();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(1).path("progress")).singleElement().satisfies(p -> {
            assertThat(p.path("seatCode").asText()).isEqualTo("R1-01");
            assertThat(p.path("answered").asInt()).isEqualTo(5);
        });
        hub.flush();
        assertThat(mine).as("nothing new, nothing sent").hasSize(2);
    }

    private static LiveHub.Viewer viewer(Set<String> seats, List<JsonNode> got) {
        return new LiveHub.Viewer() {
            @Override
            public String sittingId() {
                return "S1";
            }

            @Override
            public boolean maySee(String seatCode) {
                return seats.contains(seatCode);
            }

            @Override
            public boolean send(String json) {
                got.add(Json.tree(json));
                return true;
            }
        };
    }
}
