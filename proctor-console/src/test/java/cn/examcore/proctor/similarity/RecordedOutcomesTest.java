package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The detector's outcomes on seeded sittings, compared with outcomes recorded from an earlier version of the
 * detector: every proposal (code, members, p-value), every flagged pair's statistics and p-values, every member joined
 * by the group or ring statistic, the power figure, and the evidence of every pair that followed the other's answer
 * changes. Speed-ups of the pair loop must leave all of them as they were; a deliberate change of the statistics
 * records them again ({@link #main}, then say why in the commit).
 *
 * <p>The sittings cover common papers with lag copiers, hard-item copiers, a ring and answer changes; papers drawn 25
 * of 42 per candidate; the same sittings with the answer histories withheld; sittings where nobody cheated; and one
 * sitting of about 700 candidates, where the ring statistic's screen is tighter.
 */
class RecordedOutcomesTest {

    static final String RESOURCE = "/similarity/recorded-outcomes.txt";
    /** Relative tolerance for p-values and expectations: summation order may differ, the statistics may not. */
    static final double TOLERANCE = 1e-9;

    @Test
    @DisplayName("Seeded sittings with copiers, rings and answer changes give exactly the recorded proposals, pairs "
            + "and p-values")
    void outcomesAreAsRecorded() throws IOException {
        List<String> recorded;
        try (InputStream in = RecordedOutcomesTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("resource %s", RESOURCE).isNotNull();
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> now = outcomes();
        assertThat(recorded).as("recorded lines").hasSizeGreaterThan(100);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(recorded.size(), now.size()); i++) {
            String was = i < recorded.size() ? recorded.get(i) : "<none>";
            String is = i < now.size() ? now.get(i) : "<none>";
            if (!same(was, is)) {
                differences.add("line " + (i + 1) + "\n  recorded: " + was + "\n  now:      " + is);
            }
        }
        assertThat(differences).as("differences from the recorded outcomes").isEmpty();
    }

    @Test
    @DisplayName("The comparison tolerates rounding in the last digits but not a different p-value, code or member")
    void comparisonIsStrictBeyondRounding() {
        String line = "P c1 c2 p=1.2345678901234e-07 test=lockstep-path fol=2";
        assertThat(same(line, "P c1 c2 p=1.2345678901239e-07 test=lockstep-path fol=2")).isTrue();
        assertThat(same(line, "P c1 c2 p=1.2345e-07 test=lockstep-path fol=2")).isFalse();
        assertThat(same(line, "P c1 c3 p=1.2345678901234e-07 test=lockstep-path fol=2")).isFalse();
        assertThat(same(line, "P c1 c2 p=1.2345678901234e-07 test=lockstep-path fol=1")).isFalse();
        assertThat(same("S B2 c1,c2", "S C5 c1,c2")).isFalse();
        assertThat(same("x=NaN", "x=NaN")).isTrue();
    }

    /** Two digest lines agree: the same tokens, numbers within {@link #TOLERANCE} of each other. */
    static boolean same(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].equals(y[i])) {
                continue;
            }
            int ex = x[i].indexOf('=');
            int ey = y[i].indexOf('=');
            if (ex < 0 || ex != ey || !x[i].substring(0, ex).equals(y[i].substring(0, ey))) {
                return false;
            }
            double u;
            double v;
            try {
                u = Double.parseDouble(x[i].substring(ex + 1));
                v = Double.parseDouble(y[i].substring(ey + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (!(Math.abs(u - v) <= TOLERANCE * Math.max(Math.abs(u), Math.abs(v)))) {
                return false;
            }
        }
        return true;
    }

    /** The digest of every seeded sitting, one line per proposal, pair, joined member and change-following pair. */
    static List<String> outcomes() {
        List<String> out = new ArrayList<>();
        double change = DetectionStudy.CHANGE_RATE;
        SplittableRandom seeds = new SplittableRandom(20261205L);
        for (int s = 0; s < 6; s++) {
            int items = 50 + seeds.nextInt(51);
            SimulatedSitting.Plan plan = new SimulatedSitting.Plan(5 + seeds.nextInt(4), 2, items, items, 2, 1,
                    0.5 + 0.1 * (s % 3), 3 + seeds.nextInt(3), 0.8, 0.5, change);
            digest("common " + s, SimulatedSitting.generate(plan, seeds.nextLong()), true, true, out);
        }
        for (int s = 0; s < 4; s++) {
            SimulatedSitting.Plan plan = new SimulatedSitting.Plan(5 + seeds.nextInt(4), 2, 42, 25, 2, 0, 0.7,
                    3 + seeds.nextInt(3), 0.8, 0.5, change);
            digest("drawn " + s, SimulatedSitting.generate(plan, seeds.nextLong()), true, true, out);
        }
        for (int s = 0; s < 3; s++) {
            SimulatedSitting.Plan plan = new SimulatedSitting.Plan(5 + seeds.nextInt(4), 2, 80, 80, 2, 1, 0.6, 4,
                    0.8, 0.5, change);
            digest("without histories " + s, SimulatedSitting.generate(plan, seeds.nextLong()), false, true, out);
        }
        for (int s = 0; s < 3; s++) {
            SimulatedSitting.Plan plan = new SimulatedSitting.Plan(5 + seeds.nextInt(4), 2, 60, 60, 0, 0, 0, 0, 0,
                    0.5, change);
            digest("honest " + s, SimulatedSitting.generate(plan, seeds.nextLong()), true, true, out);
        }
        SimulatedSitting.Plan large = new SimulatedSitting.Plan(40, 5, 100, 100, 8, 2, 0.6, 5, 0.8, 0.5, change);
        digest("large", SimulatedSitting.generate(large, seeds.nextLong()), true, false, out);
        return out;
    }

    private static void digest(String name, SimulatedSitting sitting, boolean histories, boolean everyPair,
                               List<String> out) {
        List<CandidateResponses> candidates = histories ? sitting.candidates()
                : sitting.candidates().stream().map(c -> new CandidateResponses(c.attemptId(), c.seat(),
                        c.responses(), c.savedAt(), c.positions())).toList();
        SimilarityAnalysis analysis = new SimilarityDetector().prepare(sitting.items(), candidates);
        SimilarityReport r = analysis.report();
        out.add(String.format(Locale.ROOT, "sitting %s candidates=%d pairs=%d near=%d thrNear=%s thrFar=%s"
                        + " power=%d/%d/%s", name.replace(' ', '_'), r.candidates(), r.pairsCompared(),
                r.neighbourPairs(), num(r.neighbourThreshold()), num(r.distantThreshold()),
                r.power().pairsSampled(), r.power().medianSharedItems(), num(r.power().minimumDetectableCopy())));
        for (Suspicion s : r.suspicions()) {
            out.add(String.format(Locale.ROOT, "S %s %s obs=%d exp=%s p=%s near=%b", s.category(),
                    String.join(",", s.attemptIds()), s.observed(), num(s.expected()), num(s.pValue()),
                    s.neighbours()));
            s.pairs().forEach(e -> out.add("  " + pair("P", e)));
            for (GroupMember g : s.joined()) {
                out.add(String.format(Locale.ROOT, "  J %s m=%d agree=%d score=%d exp=%s p=%s thr=%s with=%s",
                        g.attemptId(), g.itemsCompared(), g.agreeing(), g.score(), num(g.expectedScore()),
                        num(g.pValue()), num(g.threshold()), g.comparedWith()));
            }
        }
        if (!everyPair) {
            return;
        }
        // Pairs whose members followed each other's answer changes, flagged or not: the answer-change test in full.
        List<String> ids = candidates.stream().map(CandidateResponses::attemptId).toList();
        for (int a = 0; a < ids.size(); a++) {
            for (int b = a + 1; b < ids.size(); b++) {
                PairEvidence e = analysis.pair(ids.get(a), ids.get(b));
                if (e.changesFollowed() > 0) {
                    out.add("E " + pair("", e).trim());
                }
            }
        }
    }

    private static String pair(String tag, PairEvidence e) {
        return String.format(Locale.ROOT, "%s %s %s near=%b p=%s thr=%s m=%d bw=%d iw=%d ew=%s ic=%d ich=%d score=%d"
                        + " es=%s ansP=%s timed=%d test=%s r=%s ls=%d lw=%d tP=%s fol=%d chP=%s", tag, e.attemptA(),
                e.attemptB(), e.neighbours(), num(e.pValue()), num(e.threshold()), e.itemsBothAnswered(),
                e.bothWrong(), e.identicalWrong(), num(e.expectedIdenticalWrong()), e.identicalCorrect(),
                e.identicalCorrectHard(), e.score(), num(e.expectedScore()), num(e.answersPValue()), e.timedItems(),
                e.timingTest(), num(e.timingCorrelation()), e.lockstepItems(), e.lockstepWindowItems(),
                num(e.timingPValue()), e.changesFollowed(), num(e.changesPValue()));
    }

    private static String num(double x) {
        return Double.toString(x);
    }

    /** Records the outcomes of the current detector into the test resource: {@code [path of the resource file]}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0]
                : "proctor-console/src/test/resources" + RESOURCE);
        Files.createDirectories(file.getParent());
        Files.write(file, outcomes(), StandardCharsets.UTF_8);
        System.out.println("recorded " + file);
    }
}
