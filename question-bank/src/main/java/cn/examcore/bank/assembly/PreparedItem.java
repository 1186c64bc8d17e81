package cn.examcore.bank.assembly;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One bank item as one section uses it, with everything that does not depend on the candidate worked out once:
 * score, resolved multiple-choice rule, scaled rubric, and (for items whose options stay in place) the relabelled
 * options and key. Per paper only the option shuffle remains.
 */
final class PreparedItem {

    private final Item item;
    private final BigDecimal score;
    private final MultipleChoiceRule rule;
    private final List<RubricPoint> rubric;
    private final boolean shuffle;
    private final String[] sourceIds;
    private final String[] html;
    private final boolean[] correct;
    /** Options marked fixed keep their authored position; only the others trade places. */
    private final int[] movable;
    // Only set when the options keep their authored order, so every paper shares the same immutable lists.
    private final List<Choice> fixedOptions;
    private final List<String> fixedSourceIds;
    private final Set<String> fixedKey;

    PreparedItem(Item item, Section section, Bank bank) {
        this.item = item;
        this.score = section.scorePerItem();
        this.rule = item.type() == ItemType.MULTIPLE_CHOICE ? resolveRule(section, item, bank) : null;
        this.rubric = scaleRubric(item.rubric(), section.scorePerItem());
        List<Choice> options = item.type().hasOptions() ? item.options() : List.of();
        int n = options.size();
        this.sourceIds = new String[n];
        this.html = new String[n];
        this.correct = new boolean[n];
        List<Integer> free = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sourceIds[i] = options.get(i).id();
            html[i] = options.get(i).html();
            correct[i] = item.correctOptions().contains(sourceIds[i]);
            if (!options.get(i).fixed()) {
                free.add(i);
            }
        }
        this.movable = free.stream().mapToInt(Integer::intValue).toArray();
        // True/false has no options to move; for the other types only an item that allows it is shuffled, and only
        // when at least two of its options are free to move.
        this.shuffle = item.shuffleOptions() && movable.length > 1;
        if (shuffle) {
            fixedOptions = null;
            fixedSourceIds = null;
            fixedKey = null;
        } else {
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
            fixedOptions = options(identity);
            fixedSourceIds = List.of(sourceIds);
            fixedKey = key(identity);
        }
    }

    Item item() {
        return item;
    }

    PaperItem toPaperItem(int number, SplittableRandom rnd) {
        List<Choice> options = fixedOptions;
        List<String> ids = fixedSourceIds;
        Set<String> key = fixedKey;
        if (shuffle) {
            int n = sourceIds.length;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Fisher–Yates over the movable positions only, so fixed options stay where they were authored.
            for (int i = movable.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[movable[i]];
                order[movable[i]] = order[movable[j]];
                order[movable[j]] = t;
            }
            options = options(order);
            String[] src = new String[n];
            for (int i = 0; i < n; i++) {
                src[i] = sourceIds[order[i]];
            }
            ids = List.of(src);
            key = key(order);
        }
        return new PaperItem(number, item.id(), item.type(), item.stem(), options, ids, key,
                item.correctTrueFalse(), item.blanks(), score, rule, rubric, item.operation(), mapping(ids),
                item.score());
    }

    /** The item's choice mapping keyed by this paper's display labels, or null when it has none. */
    private ScoreMapping mapping(List<String> displayedSourceIds) {
        ScoreMapping m = item.choiceMapping();
        if (m == null) {
            return null;
        }
        List<ScoreMapping.Entry> entries = new ArrayList<>(m.entries().size());
        for (ScoreMapping.Entry e : m.entries()) {
            int p = displayedSourceIds.indexOf(e.key());
            if (p >= 0) {
                entries.add(new ScoreMapping.Entry(label(p), e.points(), e.caseSensitive()));
            }
        }
        return new ScoreMapping(entries, m.defaultValue(), m.lowerBound(), m.upperBound(), m.maxChoices());
    }

    private List<Choice> options(int[] order) {
        Choice[] out = new Choice[order.length];
        for (int p = 0; p < order.length; p++) {
            out[p] = new Choice(label(p), html[order[p]]);
        }
        return List.of(out);
    }

    private Set<String> key(int[] order) {
        int k = 0;
        for (boolean c : correct) {
            if (c) {
                k++;
            }
        }
        String[] out = new String[k];
        int i = 0;
        for (int p = 0; p < order.length; p++) {
            if (correct[order[p]]) {
                out[i++] = label(p);
            }
        }
        return Set.of(out);
    }

    private static final String[] LABELS = new String[26];

    static {
        for (int i = 0; i < LABELS.length; i++) {
            LABELS[i] = String.valueOf((char) ('A' + i));
        }
    }

    /** A, B … Z, then AA, AB … as spreadsheet columns go, so any option count gets distinct labels. */
    static String label(int position) {
        if (position < LABELS.length) {
            return LABELS[position];
        }
        StringBuilder sb = new StringBuilder();
        for (int n = position + 1; n > 0; n = (n - 1) / 26) {
            sb.append((char) ('A' + (n - 1) % 26));
        }
        return sb.reverse().toString();
    }

    /** Section first, then the item, then the bank: the closer to the paper, the stronger the say. */
    static MultipleChoiceRule resolveRule(Section section, Item item, Bank bank) {
        if (section.multipleRule() != null) {
            return section.multipleRule();
        }
        if (item.multipleRule() != null) {
            return item.multipleRule();
        }
        return bank.defaultMultipleRule();
    }

    /**
     * Scales marking points so that they add up to the score the item carries on this paper. The item's own score
     * is its rubric total (validation keeps the two equal), so the ratio is taken against that total. Points are
     * rounded half-up to two decimals (more when the paper score has more) and the last point takes the rounding
     * remainder, so the total is exact; a finer scale is used in the rare case the remainder would go negative.
     */
    static List<RubricPoint> scaleRubric(List<RubricPoint> rubric, BigDecimal paperScore) {
        if (rubric.isEmpty()) {
            return rubric;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (RubricPoint p : rubric) {
            total = total.add(p.points());
        }
        if (total.signum() <= 0 || total.compareTo(paperScore) == 0) {
            return rubric;
        }
        for (int scale = Math.max(2, paperScore.scale()); ; scale++) {
            List<RubricPoint> out = new ArrayList<>(rubric.size());
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < rubric.size() - 1; i++) {
                RubricPoint p = rubric.get(i);
                BigDecimal scaled = p.points().multiply(paperScore).divide(total, scale, RoundingMode.HALF_UP);
                sum = sum.add(scaled);
                out.add(new RubricPoint(p.description(), scaled));
            }
            BigDecimal last = paperScore.subtract(sum).setScale(scale, RoundingMode.UNNECESSARY);
            if (last.signum() >= 0 || scale >= 12) {
                out.add(new RubricPoint(rubric.get(rubric.size() - 1).description(), last));
                return List.copyOf(out);
            }
        }
    }
}
