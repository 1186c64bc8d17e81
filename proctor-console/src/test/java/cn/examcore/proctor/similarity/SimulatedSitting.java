package cn.examcore.proctor.similarity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, simulated sitting of one room: honest candidates answering by a two-parameter logistic (2PL) model,
 * wrong answers falling on distractors by each item's own popularity, planted copiers who copy a neighbour, and an
 * organised ring whose members copy one leaked answer sheet that has mistakes in it.
 *
 * @param items       the objective items
 * @param candidates  everybody's answers, in seat order
 * @param copierPairs copier → the neighbour it copied
 * @param ring        the ring's members (seated apart from each other)
 */
record SimulatedSitting(List<ObjectiveItem> items, List<CandidateResponses> candidates,
                        Map<String, String> copierPairs, Set<String> ring) {

    /** What to plant. */
    record Plan(int rows, int cols, int itemCount, int copiers, double copyProbability, int ringSize,
                double ringCopyProbability, double sheetAbility) {
    }

    private static final double OMIT = 0.02;
    private static final double TRUE_FALSE_SHARE = 0.15;

    /** Per item: difficulty, discrimination, key index, option count, and the distractors' popularity. */
    private record Model(double difficulty, double discrimination, int key, int options, double[] distractorShare) {
    }

    static SimulatedSitting generate(Plan plan, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Model> models = new ArrayList<>();
        List<ObjectiveItem> items = new ArrayList<>();
        for (int i = 0; i < plan.itemCount(); i++) {
            boolean trueFalse = rnd.nextDouble() < TRUE_FALSE_SHARE;
            int options = trueFalse ? 2 : 4;
            int key = rnd.nextInt(options);
            double[] share = new double[options - 1];
            double sum = 0;
            for (int d = 0; d < share.length; d++) {
                // Log-normal weights: a few distractors attract most wrong answers, as in real item statistics.
                share[d] = Math.exp(0.9 * gaussian(rnd));
                sum += share[d];
            }
            for (int d = 0; d < share.length; d++) {
                share[d] /= sum;
            }
            models.add(new Model(-0.6 + gaussian(rnd), 0.7 + 0.9 * rnd.nextDouble(), key, options, share));
            String id = "Q" + (i + 1);
            if (trueFalse) {
                items.add(ObjectiveItem.trueFalse(id, key == 0));
            } else {
                items.add(ObjectiveItem.singleChoice(id, List.of("a", "b", "c", "d"), "abcd".substring(key, key + 1)));
            }
        }

        int seats = plan.rows() * plan.cols();
        double[] ability = new double[seats];
        int[][] answer = new int[seats][];
        for (int s = 0; s < seats; s++) {
            ability[s] = gaussian(rnd);
            answer[s] = honest(models, ability[s], rnd);
        }

        // The ring first, at seats no two of which touch, so that only the leaked sheet links them.
        Set<Integer> ringSeats = new LinkedHashSet<>();
        int[] sheet = honest(models, plan.sheetAbility(), rnd);
        while (ringSeats.size() < plan.ringSize()) {
            int s = rnd.nextInt(seats);
            if (ringSeats.stream().noneMatch(r -> r == s || touching(r, s, plan.cols()))) {
                ringSeats.add(s);
            }
        }
        for (int s : ringSeats) {
            copy(answer[s], sheet, plan.ringCopyProbability(), rnd);
        }

        // Copiers copy an honest neighbour who is neither a ring member nor involved in another planted pair.
        Map<Integer, Integer> copierOf = new HashMap<>();
        Set<Integer> involved = new HashSet<>(ringSeats);
        int guard = 0;
        while (copierOf.size() < plan.copiers() && guard++ < 10_000) {
            int c = rnd.nextInt(seats);
            List<Integer> around = neighbours(c, plan.rows(), plan.cols());
            int source = around.get(rnd.nextInt(around.size()));
            if (involved.contains(c) || involved.contains(source)) {
                continue;
            }
            copy(answer[c], answer[source], plan.copyProbability(), rnd);
            copierOf.put(c, source);
            involved.add(c);
            involved.add(source);
        }

        List<CandidateResponses> candidates = new ArrayList<>();
        for (int s = 0; s < seats; s++) {
            Map<String, Set<String>> responses = new HashMap<>();
            for (int i = 0; i < models.size(); i++) {
                if (answer[s][i] >= 0) {
                    responses.put(items.get(i).itemId(), Set.of(items.get(i).optionIds().get(answer[s][i])));
                }
            }
            candidates.add(new CandidateResponses(id(s), new SeatPosition("R1", s / plan.cols() + 1,
                    s % plan.cols() + 1), responses));
        }
        Map<String, String> pairs = new HashMap<>();
        copierOf.forEach((c, src) -> pairs.put(id(c), id(src)));
        Set<String> ring = new LinkedHashSet<>();
        ringSeats.forEach(s -> ring.add(id(s)));
        return new SimulatedSitting(items, candidates, pairs, ring);
    }

    static String id(int seat) {
        return String.format("att-%03d", seat);
    }

    /** Option index per item, −1 for an omitted item. */
    private static int[] honest(List<Model> models, double ability, SplittableRandom rnd) {
        int[] out = new int[models.size()];
        for (int i = 0; i < out.length; i++) {
            Model m = models.get(i);
            if (rnd.nextDouble() < OMIT) {
                out[i] = -1;
                continue;
            }
            double correct = 1 / (1 + Math.exp(-m.discrimination() * (ability - m.difficulty())));
            if (rnd.nextDouble() < correct) {
                out[i] = m.key();
                continue;
            }
            double u = rnd.nextDouble();
            int d = 0;
            while (d < m.distractorShare().length - 1 && u >= m.distractorShare()[d]) {
                u -= m.distractorShare()[d];
                d++;
            }
            // Distractor d is the d-th option after skipping the key.
            out[i] = d < m.key() ? d : d + 1;
        }
        return out;
    }

    private static void copy(int[] target, int[] source, double p, SplittableRandom rnd) {
        for (int i = 0; i < target.length; i++) {
            if (rnd.nextDouble() < p) {
                target[i] = source[i];
            }
        }
    }

    private static boolean touching(int a, int b, int cols) {
        return Math.abs(a / cols - b / cols) <= 1 && Math.abs(a % cols - b % cols) <= 1;
    }

    private static List<Integer> neighbours(int s, int rows, int cols) {
        List<Integer> out = new ArrayList<>();
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int r = s / cols + dr;
                int c = s % cols + dc;
                if ((dr != 0 || dc != 0) && r >= 0 && r < rows && c >= 0 && c < cols) {
                    out.add(r * cols + c);
                }
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller from the seeded stream, so results do not depend on a JDK's nextGaussian algorithm.
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
