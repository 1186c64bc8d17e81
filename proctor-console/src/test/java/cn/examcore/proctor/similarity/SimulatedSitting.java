package cn.examcore.proctor.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, simulated sitting of one computer room: honest candidates answering by a two-parameter logistic (2PL)
 * model, wrong answers falling on distractors by each item's own popularity, times per item from a lognormal model
 * (van der Linden, 2006) with candidate speed and item time intensity, seats in blocks of four separated by aisles
 * with some seats left empty, and planted cheaters of three kinds: neighbour copiers who copy what the neighbour just
 * saved (waiting for it when they are ahead, so they answer in lockstep a few seconds behind), copiers who copy only
 * the items they find hard, and a ring whose members copy one leaked answer sheet (with mistakes) at their own pace.
 * Papers are either the whole pool in one order for everybody, or drawn per candidate from the pool in a shuffled
 * order ({@link Plan#paperSize()} below the item count).
 *
 * @param items       the objective items (the whole pool)
 * @param candidates  everybody's answers with save times, in seat order
 * @param copierPairs copier → the neighbour it copied (lag copiers and hard-item copiers)
 * @param hardCopiers the copiers among them who copied hard items only
 * @param ring        the ring's members (seated apart from each other)
 */
record SimulatedSitting(List<ObjectiveItem> items, List<CandidateResponses> candidates,
                        Map<String, String> copierPairs, Set<String> hardCopiers, Set<String> ring) {

    /**
     * What to plant.
     *
     * @param rows            rows of the room
     * @param blocks          blocks of {@value #BLOCK} seats per row, separated by aisles
     * @param itemCount       items in the pool
     * @param paperSize       items per paper: the pool size for one common paper, fewer for drawn papers
     * @param copiers         neighbour copiers (lag)
     * @param hardCopiers     copiers who copy only items they would probably get wrong
     * @param copyProbability each copier's chance of copying an item (a hard item, for hard-item copiers)
     * @param ringSize        members of the leaked-key ring (0: none)
     * @param ringCopyProbability a member's chance of taking an item from the sheet
     * @param sheetAbility    the ability of whoever wrote the leaked sheet (it has mistakes)
     * @param changeRate      scale of honest answer changes: a candidate changes an item with chance
     *                        {@code changeRate · 4 P(right)(1 − P(right))}, i.e. mostly on items it is unsure of
     *                        (0: nobody changes an answer)
     */
    record Plan(int rows, int blocks, int itemCount, int paperSize, int copiers, int hardCopiers,
                double copyProbability, int ringSize, double ringCopyProbability, double sheetAbility,
                double changeRate) {

        /** Without answer changes. */
        Plan(int rows, int blocks, int itemCount, int paperSize, int copiers, int hardCopiers,
             double copyProbability, int ringSize, double ringCopyProbability, double sheetAbility) {
            this(rows, blocks, itemCount, paperSize, copiers, hardCopiers, copyProbability, ringSize,
                    ringCopyProbability, sheetAbility, 0);
        }
    }

    static final int BLOCK = 4;
    private static final double OMIT = 0.02;
    private static final double TRUE_FALSE_SHARE = 0.15;
    private static final double OCCUPIED = 0.9;
    private static final long START = 1_780_000_000_000L;

    /** Per item: difficulty, discrimination, key, options, the distractors' popularity, time intensity and precision. */
    private record Model(double difficulty, double discrimination, int key, int options, double[] distractorShare,
                         double timeIntensity, double timePrecision) {
    }

    /** One seated candidate. */
    private static final class Seat {
        final int row;
        final int col;
        final double ability;
        final double speed;
        final int[] paper;
        final Set<Integer> onPaper = new HashSet<>();
        int[] answer;
        final long[] saved;
        /** Items taken from a source's screen or the leaked sheet. */
        final boolean[] copied;
        /** Item → its earlier answer {option, save time} when the candidate changed it. */
        final Map<Integer, long[]> earlier = new HashMap<>();

        Seat(int row, int col, double ability, double speed, int[] paper, int items) {
            this.row = row;
            this.col = col;
            this.ability = ability;
            this.speed = speed;
            this.paper = paper;
            for (int i : paper) {
                onPaper.add(i);
            }
            this.saved = new long[items];
            this.copied = new boolean[items];
        }
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
            models.add(new Model(-0.6 + gaussian(rnd), 0.7 + 0.9 * rnd.nextDouble(), key, options, share,
                    Math.log(trueFalse ? 25 : 45) + 0.4 * gaussian(rnd), 1.5 + rnd.nextDouble()));
            String id = "Q" + (i + 1);
            if (trueFalse) {
                items.add(ObjectiveItem.trueFalse(id, key == 0));
            } else {
                items.add(ObjectiveItem.singleChoice(id, List.of("a", "b", "c", "d"), "abcd".substring(key, key + 1)));
            }
        }

        // Seats: blocks of four with an aisle (a skipped column number) between blocks; a tenth left empty.
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= plan.rows(); r++) {
            for (int b = 0; b < plan.blocks(); b++) {
                for (int k = 1; k <= BLOCK; k++) {
                    if (rnd.nextDouble() < OCCUPIED) {
                        seats.add(new Seat(r, b * (BLOCK + 1) + k, gaussian(rnd), 0.3 * gaussian(rnd),
                                paper(plan, rnd), plan.itemCount()));
                    }
                }
            }
        }
        for (Seat s : seats) {
            s.answer = honest(models, s.ability, rnd);
        }

        // The ring first, at seats no two of which touch, so that only the leaked sheet links them.
        Set<Integer> ringSeats = new LinkedHashSet<>();
        int[] sheet = honest(models, plan.sheetAbility(), rnd);
        int guard = 0;
        while (ringSeats.size() < plan.ringSize() && guard++ < 10_000) {
            int s = rnd.nextInt(seats.size());
            if (ringSeats.stream().noneMatch(r -> r == s || touching(seats.get(r), seats.get(s)))) {
                ringSeats.add(s);
            }
        }
        Map<Integer, Integer> copierOf = new HashMap<>();
        Map<Integer, Boolean> hardOnly = new HashMap<>();
        Set<Integer> involved = new HashSet<>(ringSeats);
        guard = 0;
        while (copierOf.size() < plan.copiers() + plan.hardCopiers() && guard++ < 10_000) {
            int c = rnd.nextInt(seats.size());
            List<Integer> around = new ArrayList<>();
            for (int o = 0; o < seats.size(); o++) {
                if (touching(seats.get(c), seats.get(o)) && o != c) {
                    around.add(o);
                }
            }
            if (around.isEmpty()) {
                continue;
            }
            int source = around.get(rnd.nextInt(around.size()));
            if (involved.contains(c) || involved.contains(source)) {
                continue;
            }
            hardOnly.put(c, copierOf.size() >= plan.copiers());
            copierOf.put(c, source);
            involved.add(c);
            involved.add(source);
        }

        // Honest timing for everybody not copying; sources are honest, so their times are known before copiers'.
        for (int s = 0; s < seats.size(); s++) {
            if (!copierOf.containsKey(s) && !ringSeats.contains(s)) {
                honestTimes(seats.get(s), models, rnd);
            }
        }
        for (int s : ringSeats) {
            Seat seat = seats.get(s);
            boolean[] take = new boolean[models.size()];
            for (int i = 0; i < take.length; i++) {
                take[i] = rnd.nextDouble() < plan.ringCopyProbability();
                if (take[i]) {
                    seat.answer[i] = sheet[i];
                    seat.copied[i] = true;
                }
            }
            // Taking an answer from a sheet needs reading only: a few seconds, at the member's own pace.
            long t = START + startDelay(rnd);
            for (int i : seat.paper) {
                t += take[i] ? (long) (1000 * Math.exp(Math.log(8) + 0.4 * gaussian(rnd)))
                        : responseTime(models.get(i), seat.speed, rnd);
                seat.saved[i] = seat.answer[i] >= 0 ? t : -1;
            }
        }
        for (Map.Entry<Integer, Integer> e : new java.util.TreeMap<>(copierOf).entrySet()) {
            copyFrom(seats.get(e.getKey()), seats.get(e.getValue()), models, plan, hardOnly.get(e.getKey()), rnd);
        }
        if (plan.changeRate() > 0) {
            changes(seats, copierOf, models, plan, new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
        }

        List<CandidateResponses> candidates = new ArrayList<>();
        for (int s = 0; s < seats.size(); s++) {
            Seat seat = seats.get(s);
            Map<String, Set<String>> responses = new HashMap<>();
            Map<String, Long> saved = new HashMap<>();
            Map<String, Integer> positions = new HashMap<>();
            for (int j = 0; j < seat.paper.length; j++) {
                positions.put(items.get(seat.paper[j]).itemId(), j + 1);
            }
            Map<String, List<EarlierAnswer>> earlier = new HashMap<>();
            for (int i : seat.paper) {
                if (seat.answer[i] >= 0) {
                    List<String> options = items.get(i).optionIds();
                    responses.put(items.get(i).itemId(), Set.of(options.get(seat.answer[i])));
                    saved.put(items.get(i).itemId(), seat.saved[i]);
                    long[] e = seat.earlier.get(i);
                    if (e != null) {
                        earlier.put(items.get(i).itemId(),
                                List.of(new EarlierAnswer(Set.of(options.get((int) e[0])), e[1])));
                    }
                }
            }
            candidates.add(new CandidateResponses(id(s), new SeatPosition("R1", seat.row, seat.col), responses,
                    saved, positions, earlier));
        }
        Map<String, String> pairs = new HashMap<>();
        copierOf.forEach((c, src) -> pairs.put(id(c), id(src)));
        Set<String> ring = new LinkedHashSet<>();
        ringSeats.forEach(s -> ring.add(id(s)));
        Set<String> hard = new HashSet<>();
        hardOnly.forEach((c, h) -> {
            if (h) {
                hard.add(id(c));
            }
        });
        return new SimulatedSitting(items, candidates, pairs, hard, ring);
    }

    static String id(int seat) {
        return String.format("att-%03d", seat);
    }

    private static int[] paper(Plan plan, SplittableRandom rnd) {
        int[] all = new int[plan.itemCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        if (plan.paperSize() >= plan.itemCount()) {
            return all;
        }
        // A drawn paper: paperSize items of the pool in a shuffled order.
        for (int i = all.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = all[i];
            all[i] = all[j];
            all[j] = x;
        }
        return Arrays.copyOf(all, plan.paperSize());
    }

    private static void honestTimes(Seat seat, List<Model> models, SplittableRandom rnd) {
        long t = START + startDelay(rnd);
        for (int i : seat.paper) {
            t += responseTime(models.get(i), seat.speed, rnd);
            seat.saved[i] = seat.answer[i] >= 0 && seat.onPaper.contains(i) ? t : -1;
        }
    }

    /**
     * The copier works through its paper; an item it copies it takes from the source's screen right after the source
     * saved it (waiting for that when it is ahead), a few seconds of lag later. On a drawn paper the item is wherever
     * the source had it, so the copier jumps to it then.
     */
    private static void copyFrom(Seat copier, Seat source, List<Model> models, Plan plan, boolean hardOnly,
                                 SplittableRandom rnd) {
        boolean drawn = plan.paperSize() < plan.itemCount();
        long t = START + startDelay(rnd);
        for (int i : copier.paper) {
            Model m = models.get(i);
            boolean hard = 1 / (1 + Math.exp(-m.discrimination() * (copier.ability - m.difficulty()))) < 0.5;
            boolean copies = source.onPaper.contains(i) && source.answer[i] >= 0 && (!hardOnly || hard)
                    && rnd.nextDouble() < plan.copyProbability();
            long lag = (long) (1000 * Math.exp(Math.log(8) + 0.5 * gaussian(rnd)));
            if (copies) {
                copier.answer[i] = source.answer[i];
                copier.copied[i] = true;
                if (drawn) {
                    copier.saved[i] = source.saved[i] + lag;
                    continue;
                }
                long ready = t + (long) (1000 * Math.exp(Math.log(5) + 0.4 * gaussian(rnd)));
                t = Math.max(ready, source.saved[i]) + lag;
            } else {
                t += responseTime(m, copier.speed, rnd);
            }
            copier.saved[i] = copier.answer[i] >= 0 ? t : -1;
        }
    }

    /**
     * Answer changes, from their own random stream so that the answers and times drawn before stay those of a
     * plan without changes. Everybody but the copiers first: an item changes with chance
     * {@code changeRate · 4 P(right)(1 − P(right))}; the earlier answer is one of the other options, uniformly (so
     * an able candidate's changes are mostly from wrong to right), saved when the item was answered; the change comes either
     * soon after (20 s, log-normal) or while reviewing after the last item (up to 10 minutes). Items taken from the
     * leaked sheet do not change. Then the copiers: on an item copied from the source's screen before the source
     * changed it, the copier took the earlier answer, and follows the change (a few seconds after it) with the copy
     * probability, or keeps the earlier answer; items it answered itself change like anybody's.
     */
    private static void changes(List<Seat> seats, Map<Integer, Integer> copierOf, List<Model> models, Plan plan,
                                SplittableRandom rnd) {
        for (int s = 0; s < seats.size(); s++) {
            if (!copierOf.containsKey(s)) {
                honestChanges(seats.get(s), models, plan, rnd);
            }
        }
        for (Map.Entry<Integer, Integer> e : new java.util.TreeMap<>(copierOf).entrySet()) {
            Seat copier = seats.get(e.getKey());
            Seat source = seats.get(e.getValue());
            for (int i : copier.paper) {
                long[] theirs = source.earlier.get(i);
                if (!copier.copied[i]) {
                    continue;
                }
                if (theirs == null || source.saved[i] <= copier.saved[i]) {
                    continue;
                }
                // Copied before the source changed it: the copier has the earlier answer.
                if (rnd.nextDouble() < plan.copyProbability()) {
                    copier.earlier.put(i, new long[] {theirs[0], copier.saved[i]});
                    copier.saved[i] = source.saved[i] + (long) (1000 * Math.exp(Math.log(8) + 0.5 * gaussian(rnd)));
                } else {
                    copier.answer[i] = (int) theirs[0];
                }
            }
            honestChanges(copier, models, plan, rnd);
        }
    }

    private static void honestChanges(Seat seat, List<Model> models, Plan plan, SplittableRandom rnd) {
        long last = 0;
        for (int i : seat.paper) {
            last = Math.max(last, seat.saved[i]);
        }
        for (int i : seat.paper) {
            if (seat.answer[i] < 0 || seat.copied[i] || seat.saved[i] < 0) {
                continue;
            }
            Model m = models.get(i);
            double right = 1 / (1 + Math.exp(-m.discrimination() * (seat.ability - m.difficulty())));
            if (rnd.nextDouble() >= plan.changeRate() * 4 * right * (1 - right)) {
                continue;
            }
            int other = rnd.nextInt(m.options() - 1);
            int before = other < seat.answer[i] ? other : other + 1;
            long first = seat.saved[i];
            long change = rnd.nextBoolean() ? first + (long) (1000 * Math.exp(Math.log(20) + 0.5 * gaussian(rnd)))
                    : last + (long) (rnd.nextDouble() * 600_000);
            seat.earlier.put(i, new long[] {before, first});
            seat.saved[i] = Math.max(change, first + 1000);
        }
    }

    private static long responseTime(Model m, double speed, SplittableRandom rnd) {
        return (long) (1000 * Math.exp(m.timeIntensity() - speed + gaussian(rnd) / m.timePrecision()));
    }

    private static long startDelay(SplittableRandom rnd) {
        return (long) (1000 * Math.exp(Math.log(20) + 0.5 * gaussian(rnd)));
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

    private static boolean touching(Seat a, Seat b) {
        return Math.abs(a.row - b.row) <= 1 && Math.abs(a.col - b.col) <= 1;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller from the seeded stream, so results do not depend on a JDK's nextGaussian algorithm.
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
