package cn.examcore.bank.assembly;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A bank prepared for one blueprint (组卷索引): the eligible items of every section, which constraints each of
 * them falls under, and their paper-ready parts, all worked out once. Assembling a paper is then only sampling,
 * so one index serves every candidate of a sitting.
 *
 * <p>Building the index checks the blueprint and that the bank can satisfy it at all; both failures raise an
 * {@link AssemblyException} naming the section, the constraint and the number of missing items. An index is
 * immutable and safe to share between threads.
 *
 * <p>Papers are fully determined by (bank, blueprint, seed, form). Form {@code k} of a seed is drawn from the
 * items forms {@code 0 … k-1} of the same seed did not use, so the forms of one seed never share an item;
 * asking for form {@code k} therefore costs {@code k + 1} draws. So that a scarce class is not used up by an
 * early form's random fill, each form leaves enough of every constrained class for the forms still possible
 * under {@link #maxDisjointForms()} (a property of bank and blueprint, so form {@code k} is the same paper
 * whether it is asked for alone or with others).
 */
public final class AssemblyIndex {

    /**
     * When constraints overlap, a random greedy draw can paint itself into a corner that another order would
     * avoid; a few fresh, seed-derived attempts resolve that without giving up reproducibility.
     */
    static final int ATTEMPTS = 16;

    private final Bank bank;
    private final Blueprint blueprint;
    private final int eligibleCount;
    private final Plan[] plans;
    private final FormBound[] bounds;
    /** {@link #maxDisjointForms()}, which earlier forms keep scarce items for. */
    private final int formsBound;

    private AssemblyIndex(Bank bank, Blueprint blueprint) {
        this.bank = bank;
        this.blueprint = blueprint;
        Map<ItemType, List<Integer>> byType = new EnumMap<>(ItemType.class);
        for (Section s : blueprint.sections()) {
            byType.putIfAbsent(s.type(), new ArrayList<>());
        }
        List<Item> eligible = new ArrayList<>();
        for (Item item : bank.items()) {
            List<Integer> pool = byType.get(item.type());
            if (pool != null && item.tags() != null && item.tags().matches(blueprint.tags())) {
                pool.add(eligible.size());
                eligible.add(item);
            }
        }
        this.eligibleCount = eligible.size();
        Map<ItemType, int[]> pools = new EnumMap<>(ItemType.class);
        byType.forEach((type, list) -> pools.put(type, list.stream().mapToInt(Integer::intValue).toArray()));
        this.plans = new Plan[blueprint.sections().size()];
        for (int i = 0; i < plans.length; i++) {
            Section s = blueprint.sections().get(i);
            plans[i] = new Plan(s, pools.get(s.type()), eligible, bank);
        }
        List<AssemblyProblem> problems = shortages();
        if (!problems.isEmpty()) {
            throw new AssemblyException(problems);
        }
        this.bounds = new FormBound[plans.length];
        for (int i = 0; i < plans.length; i++) {
            bounds[i] = formBound(plans[i]);
        }
        this.formsBound = Arrays.stream(bounds).mapToInt(FormBound::forms).min().orElse(0);
        for (Plan plan : plans) {
            plan.groupCount = Arrays.stream(plans).filter(p -> p.section.type() == plan.section.type())
                    .mapToInt(p -> p.section.count()).sum();
        }
    }

    /**
     * Prepares {@code bank} for {@code blueprint}.
     *
     * @throws AssemblyException when the blueprint is invalid or the bank cannot satisfy it
     */
    public static AssemblyIndex of(Bank bank, Blueprint blueprint) {
        Objects.requireNonNull(bank, "bank");
        BlueprintValidator.requireValid(blueprint);
        return new AssemblyIndex(bank, blueprint);
    }

    /** The bank this index was prepared from. */
    public Bank bank() {
        return bank;
    }

    /** The blueprint this index was prepared for. */
    public Blueprint blueprint() {
        return blueprint;
    }

    /**
     * An upper bound on how many item-disjoint forms the bank can supply, from counting each section's and each
     * constraint's eligible items; overlapping constraints may allow fewer in practice.
     */
    public int maxDisjointForms() {
        return formsBound;
    }

    /**
     * Assembles form {@code form} (0 for the first) of the paper for {@code seed}.
     *
     * @throws AssemblyException when the bank cannot supply {@code form + 1} disjoint forms, or the draw could not
     *                           meet the section constraints together
     */
    public Paper assemble(long seed, int form) {
        if (form < 0) {
            throw new IllegalArgumentException("the form number must be 0 or more, got " + form);
        }
        requireForms(form + 1);
        long[] used = new long[words()];
        Draw draw = null;
        for (int f = 0; f <= form; f++) {
            draw = drawForm(seed, f, used, form + 1);
        }
        return paper(seed, form, draw);
    }

    /**
     * Assembles forms {@code 0 … count-1} of {@code seed}; no item appears on two of them.
     *
     * @throws AssemblyException naming, per section, how many disjoint forms the bank can support
     */
    public List<Paper> assembleForms(long seed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of forms must be at least 1, got " + count);
        }
        requireForms(count);
        long[] used = new long[words()];
        List<Paper> papers = new ArrayList<>(count);
        for (int f = 0; f < count; f++) {
            papers.add(paper(seed, f, drawForm(seed, f, used, count)));
        }
        return papers;
    }

    private void requireForms(int forms) {
        if (forms == 1) {
            return;
        }
        List<AssemblyProblem> problems = new ArrayList<>();
        for (int i = 0; i < plans.length; i++) {
            FormBound b = bounds[i];
            if (b.forms() < forms) {
                Section s = plans[i].section;
                problems.add(new AssemblyProblem(AssemblyProblem.Kind.FORMS, "", b.sectionIds(), b.constraint(),
                        b.perForm() * forms, b.available(), Wording.section(s) + ": the bank supports at most "
                        + b.forms() + " disjoint form" + (b.forms() == 1 ? "" : "s") + ", " + forms
                        + " requested: " + b.reason()));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssemblyException(problems);
        }
    }

    private Paper paper(long seed, int form, Draw draw) {
        List<PaperSection> sections = new ArrayList<>(plans.length);
        int number = 1;
        for (int i = 0; i < plans.length; i++) {
            Plan plan = plans[i];
            int[] positions = draw.positions[i];
            PaperItem[] items = new PaperItem[positions.length];
            for (int j = 0; j < positions.length; j++) {
                items[j] = plan.prepared[positions[j]].toPaperItem(number++, draw.rnd);
            }
            Section s = plan.section;
            sections.add(new PaperSection(s.id(), s.title(), s.type(), List.of(items)));
        }
        return new Paper(blueprint.id(), bank.id(), seed, form, sections);
    }

    /** Words of the used-items bit set: one bit per eligible item. */
    private int words() {
        return (eligibleCount + 63) >>> 6;
    }

    /**
     * Draws one form. While later forms fit within {@link #maxDisjointForms()}, the draw keeps enough items of every
     * constrained class for them (see {@link Plan#draw}); this depends only on the bank and blueprint, never on how
     * many forms were asked for, so form k is the same paper however it is requested. Should keeping those items
     * make this form impossible, it is drawn again without them.
     */
    private Draw drawForm(long seed, int form, long[] used, int formsRequested) {
        DrawFailure last = null;
        int total = 0;
        for (Plan plan : plans) {
            total += plan.section.count();
        }
        int laterForms = Math.max(0, formsBound - 1 - form);
        for (int pass = laterForms > 0 ? 0 : 1; pass < 2; pass++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                SplittableRandom rnd = new SplittableRandom(streamSeed(seed, form, pass * ATTEMPTS + attempt));
                Taken taken = new Taken(used, total);
                int[][] positions = new int[plans.length][];
                try {
                    for (int i = 0; i < plans.length; i++) {
                        positions[i] = plans[i].draw(rnd, taken, form, pass == 0 ? laterForms : 0);
                    }
                    return new Draw(positions, rnd);
                } catch (DrawFailure failure) {
                    taken.undo();
                    last = failure;
                }
            }
        }
        Plan plan = last.plan;
        String what = last.describe();
        if (form == 0) {
            throw new AssemblyException(List.of(new AssemblyProblem(AssemblyProblem.Kind.CONFLICT, "",
                    plan.section.id(), last.constraint(), last.required, last.placed, Wording.section(plan.section)
                    + ": the constraints could not all be met together in " + ATTEMPTS + " attempts: " + what)));
        }
        throw new AssemblyException(List.of(new AssemblyProblem(AssemblyProblem.Kind.FORMS, "",
                plan.section.id(), last.constraint(), last.required, last.placed, Wording.section(plan.section)
                + ": only " + form + " disjoint form" + (form == 1 ? "" : "s") + " could be assembled, "
                + formsRequested + " requested; form " + (form + 1) + " failed: " + what)));
    }

    /**
     * Derives the random stream of one attempt of one form. Each step goes through SplittableRandom's 64-bit
     * mixer, so neighbouring seeds, forms and attempts give unrelated streams (seed N's retry is not seed N+1).
     */
    static long streamSeed(long seed, int form, int attempt) {
        long s = new SplittableRandom(seed).nextLong();
        s = new SplittableRandom(s + form).nextLong();
        return new SplittableRandom(s + attempt).nextLong();
    }

    private List<AssemblyProblem> shortages() {
        List<AssemblyProblem> problems = new ArrayList<>();
        Map<ItemType, List<Plan>> byType = Arrays.stream(plans)
                .collect(Collectors.groupingBy(p -> p.section.type(), () -> new EnumMap<>(ItemType.class),
                        Collectors.toList()));
        for (Plan plan : plans) {
            List<Plan> group = byType.get(plan.section.type());
            int needed = group.stream().mapToInt(p -> p.section.count()).sum();
            int available = plan.pool.length;
            String tagged = plan.section.type() + " items tagged " + Wording.tags(blueprint.tags());
            if (group.size() == 1 && available < needed) {
                problems.add(new AssemblyProblem(AssemblyProblem.Kind.SHORTAGE, "", plan.section.id(), null, needed,
                        available, Wording.section(plan.section) + ": needs " + needed + " " + tagged
                        + ", bank has " + available + ", " + (needed - available) + " missing"));
            } else if (group.size() > 1 && available < needed && group.get(0) == plan) {
                String ids = group.stream().map(p -> p.section.id()).collect(Collectors.joining(", "));
                problems.add(new AssemblyProblem(AssemblyProblem.Kind.SHORTAGE, "", ids, null, needed, available,
                        "sections " + ids + " together need " + needed + " " + tagged + ", bank has " + available
                        + ", " + (needed - available) + " missing"));
            }
            // When the pool itself is short, every max also "lacks" items outside it; that is the same shortfall
            // said again, so only the minimums (independent facts) are added.
            problems.addAll(plan.constraintShortages(available >= needed));
        }
        return problems;
    }

    private FormBound formBound(Plan plan) {
        List<Plan> group = Arrays.stream(plans).filter(p -> p.section.type() == plan.section.type()).toList();
        int perForm = group.stream().mapToInt(p -> p.section.count()).sum();
        String ids = group.stream().map(p -> p.section.id()).collect(Collectors.joining(", "));
        FormBound best = new FormBound(plan.pool.length / perForm, ids, null, perForm, plan.pool.length,
                plan.pool.length + " eligible " + plan.section.type() + " items, " + perForm + " per form"
                + (group.size() > 1 ? " across sections " + ids : ""));
        for (int c = 0; c < plan.constraints.length; c++) {
            Constraint con = plan.constraints[c];
            int inClass = plan.classPools[c].length;
            if (con.min() > 0 && inClass / con.min() < best.forms()) {
                best = new FormBound(inClass / con.min(), plan.section.id(), con, con.min(), inClass,
                        Wording.constraintMin(con) + " has " + inClass + " eligible items, " + con.min()
                        + " per form");
            }
            int outsideNeed = plan.section.count() - (con.max() == null ? plan.section.count() : con.max());
            int outside = plan.pool.length - inClass;
            if (outsideNeed > 0 && outside / outsideNeed < best.forms()) {
                best = new FormBound(outside / outsideNeed, plan.section.id(), con, outsideNeed, outside,
                        Wording.constraintMax(con) + " leaves " + outsideNeed + " places per form to the " + outside
                        + " eligible items outside it");
            }
        }
        return best;
    }

    private record FormBound(int forms, String sectionIds, Constraint constraint, int perForm, int available,
                             String reason) {
    }

    private record Draw(int[][] positions, SplittableRandom rnd) {
    }

    /** One section's pool, with per-item constraint membership as a bit set and per-constraint member lists. */
    private static final class Plan {

        final Section section;
        /** Indexes into the eligible items (shared with same-type sections); "positions" index this array. */
        final int[] pool;
        final long[] masks;
        final Constraint[] constraints;
        final int[][] classPools;
        final int[] mins;
        final int[] maxs;
        final long maxMask;
        final long minMask;
        /** Constraints with a minimum, tightest first, so scarce classes are served before others eat them. */
        final int[] minOrder;
        final int[] allPositions;
        final PreparedItem[] prepared;
        /** Places per form taken from this plan's pool, by this and the other sections of the same type. */
        int groupCount;

        Plan(Section section, int[] pool, List<Item> eligible, Bank bank) {
            this.section = section;
            this.pool = pool;
            this.constraints = section.constraints().toArray(Constraint[]::new);
            int k = constraints.length;
            this.masks = new long[pool.length];
            this.prepared = new PreparedItem[pool.length];
            this.mins = new int[k];
            this.maxs = new int[k];
            long maxBits = 0;
            long minBits = 0;
            int[] difficulty = new int[k];
            for (int c = 0; c < k; c++) {
                mins[c] = constraints[c].min();
                maxs[c] = constraints[c].max() == null ? Integer.MAX_VALUE : constraints[c].max();
                if (constraints[c].max() != null) {
                    maxBits |= 1L << c;
                }
                if (mins[c] > 0) {
                    minBits |= 1L << c;
                }
                if (constraints[c].kind() == Constraint.Kind.DIFFICULTY) {
                    difficulty[c] = BlueprintValidator.difficulty(constraints[c].value());
                }
            }
            this.maxMask = maxBits;
            this.minMask = minBits;
            int[] classSizes = new int[k];
            for (int pos = 0; pos < pool.length; pos++) {
                Item item = eligible.get(pool[pos]);
                long m = 0;
                for (int c = 0; c < k; c++) {
                    boolean in = constraints[c].kind() == Constraint.Kind.DIFFICULTY
                            ? item.difficulty() == difficulty[c]
                            : item.knowledgePoint() != null && item.knowledgePoint().startsWith(constraints[c].value());
                    if (in) {
                        m |= 1L << c;
                        classSizes[c]++;
                    }
                }
                masks[pos] = m;
                prepared[pos] = new PreparedItem(item, section, bank);
            }
            this.classPools = new int[k][];
            for (int c = 0; c < k; c++) {
                classPools[c] = new int[classSizes[c]];
            }
            int[] fill = new int[k];
            for (int pos = 0; pos < pool.length; pos++) {
                long m = masks[pos];
                while (m != 0) {
                    int c = Long.numberOfTrailingZeros(m);
                    classPools[c][fill[c]++] = pos;
                    m &= m - 1;
                }
            }
            this.minOrder = IntStream.range(0, k).filter(c -> mins[c] > 0).boxed()
                    .sorted(Comparator.comparingInt((Integer c) -> classPools[c].length - mins[c])
                            .thenComparingInt(c -> c))
                    .mapToInt(Integer::intValue).toArray();
            this.allPositions = IntStream.range(0, pool.length).toArray();
        }

        List<AssemblyProblem> constraintShortages(boolean checkMaxima) {
            List<AssemblyProblem> problems = new ArrayList<>();
            for (int c = 0; c < constraints.length; c++) {
                Constraint con = constraints[c];
                int inClass = classPools[c].length;
                if (inClass < con.min()) {
                    problems.add(new AssemblyProblem(AssemblyProblem.Kind.SHORTAGE, "", section.id(), con, con.min(),
                            inClass, Wording.section(section) + ": " + Wording.constraintMin(con) + ": only "
                            + Wording.eligible(inClass) + ", "
                            + (con.min() - inClass) + " missing"));
                }
                if (checkMaxima && con.max() != null && con.max() < section.count()) {
                    int outsideNeed = section.count() - con.max();
                    int outside = pool.length - inClass;
                    if (outside < outsideNeed) {
                        problems.add(new AssemblyProblem(AssemblyProblem.Kind.SHORTAGE, "", section.id(), con,
                                outsideNeed, outside, Wording.section(section) + ": " + Wording.constraintMax(con)
                                + ": the other " + outsideNeed + " places need items outside it, only "
                                + Wording.eligible(outside) + ", "
                                + (outsideNeed - outside) + " missing"));
                    }
                }
            }
            return problems;
        }

        /**
         * Draws this section's positions in display order, marking the items taken.
         *
         * @param laterForms how many later forms to keep items for: a take beyond this form's own minimum of a
         *                   class must leave {@code laterForms × min} of it, and a take beyond this form's own need
         *                   of items outside a max-limited class must leave {@code laterForms × (count − max)} of
         *                   those; 0 to keep nothing
         */
        int[] draw(SplittableRandom rnd, Taken taken, int form, int laterForms) throws DrawFailure {
            int count = section.count();
            State st = new State(new int[count], new int[constraints.length], minMask, taken);
            if (laterForms > 0) {
                reserve(st, form, laterForms);
            }
            for (int c : minOrder) {
                long bit = 1L << c;
                if ((st.deficit & bit) == 0) {
                    continue;
                }
                if ((st.deficit & ~bit) != 0) {
                    // First prefer items that also serve another unmet minimum, so overlapping minimums share
                    // places instead of each taking its own.
                    sample(classPools[c], bit, true, rnd, st);
                }
                sample(classPools[c], bit, false, rnd, st);
                if ((st.deficit & bit) != 0) {
                    throw new DrawFailure(this, c, st.counts[c], mins[c], false);
                }
            }
            if (st.n < count) {
                sample(allPositions, 0, false, rnd, st);
                if (st.n < count) {
                    int saturated = -1;
                    for (int c = 0; c < constraints.length && saturated < 0; c++) {
                        if (maxs[c] != Integer.MAX_VALUE && st.counts[c] >= maxs[c]) {
                            saturated = c;
                        }
                    }
                    throw new DrawFailure(this, saturated, st.n, count, true);
                }
            }
            int[] picked = st.picked;
            // Minimum-serving items were drawn first; shuffle so they do not cluster at the section's start.
            for (int i = count - 1; i > 0; i--) {
                swap(picked, i, rnd.nextInt(i + 1));
            }
            return picked;
        }

        /**
         * Takes random items of {@code cand} until the section is full or, when {@code bit} is set, that
         * constraint's minimum is met. Random probes first: a paper takes a few dozen items from pools of thousands,
         * so probing (rejecting taken and over-the-max items) costs next to nothing, where a shuffled copy of the
         * pool would cost its whole length per paper. Only when probing stalls (a nearly exhausted pool) does a lazy
         * Fisher-Yates pass over a copy visit every candidate, so nothing acceptable is ever missed. Both give each
         * acceptable item the same chance.
         */
        private void sample(int[] cand, long bit, boolean onlyHelpingOthers, SplittableRandom rnd, State st) {
            int len = cand.length;
            if (len == 0 || done(bit, st)) {
                return;
            }
            int need = bit == 0 ? section.count() - st.n : mins[Long.numberOfTrailingZeros(bit)];
            int probes = Math.min(4 * need + 16, len);
            for (int i = 0; i < probes && !done(bit, st); i++) {
                consider(cand[rnd.nextInt(len)], bit, onlyHelpingOthers, st);
            }
            if (done(bit, st) || (onlyHelpingOthers && !tight(st))) {
                // The preference for shared items only matters when places are short; otherwise it is not
                // worth a pass over the whole pool.
                return;
            }
            int[] copy = cand.clone();
            for (int i = 0; i < len && !done(bit, st); i++) {
                swap(copy, i, i + rnd.nextInt(len - i));
                consider(copy[i], bit, onlyHelpingOthers, st);
            }
        }

        /**
         * Sets up the reserves that can bind. A reserve cannot bind while the class is larger than the reserve plus
         * everything this and the earlier forms can take from the pool; only the others need exact counts of what is
         * still free, so large banks pay nothing for this.
         */
        private void reserve(State st, int form, int laterForms) {
            int k = constraints.length;
            int[] inReserve = new int[k];
            int[] outReserve = new int[k];
            boolean any = false;
            long drawnSoFar = (long) (form + 1) * groupCount;
            for (int c = 0; c < k; c++) {
                int classSize = classPools[c].length;
                long in = (long) laterForms * mins[c];
                if (in > 0 && classSize < in + drawnSoFar) {
                    inReserve[c] = (int) in;
                    any = true;
                }
                if (maxs[c] < section.count()) {
                    long out = (long) laterForms * (section.count() - maxs[c]);
                    if (pool.length - classSize < out + drawnSoFar) {
                        outReserve[c] = (int) out;
                        any = true;
                    }
                }
            }
            if (!any) {
                return;
            }
            int freeInPool = 0;
            for (int g : pool) {
                if (!st.taken.has(g)) {
                    freeInPool++;
                }
            }
            int[] freeIn = new int[k];
            int[] freeOut = new int[k];
            for (int c = 0; c < k; c++) {
                for (int pos : classPools[c]) {
                    if (!st.taken.has(pool[pos])) {
                        freeIn[c]++;
                    }
                }
                freeOut[c] = freeInPool - freeIn[c];
            }
            st.reserves = new Reserves(inReserve, outReserve, freeIn, freeOut, new int[k]);
        }

        /** Whether taking an item with {@code mask} would eat into what later forms need. */
        private boolean breaksReserve(long mask, State st) {
            Reserves r = st.reserves;
            for (int c = 0; c < constraints.length; c++) {
                boolean in = (mask & (1L << c)) != 0;
                if (in && r.inReserve[c] > 0 && st.counts[c] >= mins[c] && r.freeIn[c] - 1 < r.inReserve[c]) {
                    return true;
                }
                if (!in && r.outReserve[c] > 0 && r.outsideTaken[c] >= section.count() - maxs[c]
                        && r.freeOut[c] - 1 < r.outReserve[c]) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the unmet minimums, counted separately, need more places than the section has left. */
        private boolean tight(State st) {
            int unmet = 0;
            for (int c : minOrder) {
                unmet += Math.max(0, mins[c] - st.counts[c]);
            }
            return unmet > section.count() - st.n;
        }

        private boolean done(long bit, State st) {
            return st.n >= section.count() || (bit != 0 && (st.deficit & bit) == 0);
        }

        private void consider(int pos, long bit, boolean onlyHelpingOthers, State st) {
            if (onlyHelpingOthers && (masks[pos] & st.deficit & ~bit) == 0) {
                return;
            }
            int g = pool[pos];
            if (st.taken.has(g)) {
                return;
            }
            long m = masks[pos];
            long capped = m & maxMask;
            while (capped != 0) {
                int c = Long.numberOfTrailingZeros(capped);
                if (st.counts[c] >= maxs[c]) {
                    return;
                }
                capped &= capped - 1;
            }
            if (st.reserves != null) {
                if (breaksReserve(m, st)) {
                    return;
                }
                st.reserves.took(m);
            }
            st.taken.take(g);
            st.picked[st.n++] = pos;
            while (m != 0) {
                int c = Long.numberOfTrailingZeros(m);
                if (++st.counts[c] >= mins[c]) {
                    st.deficit &= ~(1L << c);
                }
                m &= m - 1;
            }
        }

        private static void swap(int[] a, int i, int j) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * The items already on this paper or on earlier forms of the same seed, as a bit set over the eligible items,
     * with a log of this attempt's takes so a failed attempt can be rolled back without copying the set.
     */
    private static final class Taken {
        final long[] bits;
        final int[] log;
        int logged;

        Taken(long[] bits, int capacity) {
            this.bits = bits;
            this.log = new int[capacity];
        }

        boolean has(int g) {
            return (bits[g >>> 6] & (1L << g)) != 0;
        }

        void take(int g) {
            bits[g >>> 6] |= 1L << g;
            log[logged++] = g;
        }

        void undo() {
            for (int i = 0; i < logged; i++) {
                int g = log[i];
                bits[g >>> 6] &= ~(1L << g);
            }
            logged = 0;
        }
    }

    /** The running tally of one section's draw. */
    private static final class State {
        final int[] picked;
        final int[] counts;
        final Taken taken;
        long deficit;
        int n;
        /** Null unless earlier forms keep items for later ones and some reserve can bind. */
        Reserves reserves;

        State(int[] picked, int[] counts, long deficit, Taken taken) {
            this.picked = picked;
            this.counts = counts;
            this.deficit = deficit;
            this.taken = taken;
        }
    }

    /** What later forms need kept, and what is still free, per constraint of one section's draw. */
    private record Reserves(int[] inReserve, int[] outReserve, int[] freeIn, int[] freeOut, int[] outsideTaken) {

        void took(long mask) {
            for (int c = 0; c < inReserve.length; c++) {
                if ((mask & (1L << c)) != 0) {
                    freeIn[c]--;
                } else {
                    freeOut[c]--;
                    outsideTaken[c]++;
                }
            }
        }
    }

    /** A draw attempt that got stuck; cheap because attempts are retried and the stack is never looked at. */
    private static final class DrawFailure extends Exception {
        private static final long serialVersionUID = 1L;

        final transient Plan plan;
        final int constraintIndex;
        final int placed;
        final int required;
        final boolean fillPhase;

        DrawFailure(Plan plan, int constraintIndex, int placed, int required, boolean fillPhase) {
            super(null, null, false, false);
            this.plan = plan;
            this.constraintIndex = constraintIndex;
            this.placed = placed;
            this.required = required;
            this.fillPhase = fillPhase;
        }

        Constraint constraint() {
            return constraintIndex < 0 ? null : plan.constraints[constraintIndex];
        }

        String describe() {
            if (!fillPhase) {
                Constraint c = constraint();
                return Wording.constraintMin(c) + ": placed " + placed + " of " + required + ", "
                        + (required - placed) + " missing";
            }
            String cap = constraintIndex < 0 ? "" : " without exceeding " + Wording.constraintMax(constraint());
            return "only " + placed + " of " + required + " items could be placed" + cap + ", "
                    + (required - placed) + " missing";
        }
    }
}
