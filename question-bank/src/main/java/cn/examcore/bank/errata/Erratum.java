package cn.examcore.bank.errata;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.scoring.ItemScore;
import cn.examcore.bank.scoring.Response;
import cn.examcore.bank.scoring.Scorer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * 勘误: a correction of one objective item after a sitting, either a corrected key or a voided item. A key is given
 * in the bank's terms (option ids as the bank has them, whatever order each candidate saw), so one erratum applies
 * to every paper the item is on. A voided item is credited in full to every candidate whose paper holds it, answered
 * or not: the paper's total stays what the pass mark was set against, and nobody loses points for a faulty item.
 *
 * @param itemId    the bank item
 * @param kind      a corrected key, or a voided item
 * @param options   the corrected key of a choice item, as bank option ids; empty otherwise
 * @param trueFalse the corrected key of a true/false item; null otherwise
 * @param blanks    the corrected accepted answers of a fill-in item, one list per blank; empty otherwise
 */
public record Erratum(String itemId, Kind kind, Set<String> options, Boolean trueFalse, List<List<String>> blanks) {

    /** What the erratum does. */
    public enum Kind {
        /** The item's key was wrong: score every answer again against the corrected key. */
        KEY,
        /** The item is faulty beyond a key: every candidate gets its full points. */
        VOID
    }

    /**
     * A reason the erratum does not fit its item.
     *
     * @param field   the request field at fault ({@code itemId}, {@code kind}, {@code key.options} …)
     * @param message what is wrong, in words an administrator can act on
     */
    public record Problem(String field, String message) {
    }

    public Erratum {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(kind, "kind");
        options = options == null ? Set.of() : Set.copyOf(options);
        blanks = blanks == null ? List.of() : blanks.stream().map(List::copyOf).toList();
    }

    /** A voided item. */
    public static Erratum voided(String itemId) {
        return new Erratum(itemId, Kind.VOID, Set.of(), null, List.of());
    }

    /**
     * Why this erratum cannot apply to {@code item}, or empty when it can: only machine-scored items are corrected
     * here (essay and operation items are re-marked instead), and a key must have the shape the item type needs.
     */
    public Optional<Problem> problemWith(Item item) {
        if (!item.type().machineScored()) {
            return Optional.of(new Problem("itemId", "item " + itemId + " is " + item.type().name()
                    + ", marked by people: correct it by re-marking, not by an erratum"));
        }
        if (kind == Kind.VOID) {
            return Optional.empty();
        }
        return switch (item.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> choiceProblem(item);
            case TRUE_FALSE -> trueFalse == null
                    ? Optional.of(new Problem("key.trueFalse", "a true/false item's key is true or false"))
                    : Optional.empty();
            case FILL_IN -> fillInProblem(item);
            default -> throw new IllegalStateException("not machine-scored: " + item.type());
        };
    }

    private Optional<Problem> choiceProblem(Item item) {
        Set<String> known = new LinkedHashSet<>();
        item.options().forEach(o -> known.add(o.id()));
        if (options.isEmpty()) {
            return Optional.of(new Problem("key.options", "a choice item's key names its correct options, out of "
                    + known));
        }
        Set<String> unknown = new HashSet<>(options);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            return Optional.of(new Problem("key.options", "item " + itemId + " has no option " + unknown.stream()
                    .sorted().toList() + "; its options are " + known));
        }
        if (item.type() == ItemType.SINGLE_CHOICE && options.size() != 1) {
            return Optional.of(new Problem("key.options", "a single-choice item has exactly one correct option"));
        }
        if (item.type() == ItemType.MULTIPLE_CHOICE && options.size() < 2) {
            return Optional.of(new Problem("key.options", "a multiple-choice item has two or more correct options"));
        }
        return Optional.empty();
    }

    private Optional<Problem> fillInProblem(Item item) {
        if (blanks.size() != item.blanks().size()) {
            return Optional.of(new Problem("key.blanks", "item " + itemId + " has " + item.blanks().size()
                    + " blank(s); the key gives " + blanks.size()));
        }
        for (int i = 0; i < blanks.size(); i++) {
            if (blanks.get(i).isEmpty() || blanks.get(i).stream().anyMatch(a -> a == null || a.isBlank())) {
                return Optional.of(new Problem("key.blanks[" + i + "]", "blank " + (i + 1)
                        + " needs at least one accepted answer, none of them empty"));
            }
        }
        return Optional.empty();
    }

    /** Whether the erratum is about this paper item. */
    public boolean concerns(PaperItem item) {
        return item.itemId().equals(itemId);
    }

    /**
     * The paper item with the corrected key, in this paper's display labels. A partial-credit mapping imported with
     * the item is dropped: it was written for the old key, and the type's own rule scores the corrected one.
     */
    public PaperItem corrected(PaperItem p) {
        if (kind == Kind.VOID || !concerns(p)) {
            return p;
        }
        return switch (p.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                Set<String> labels = new LinkedHashSet<>();
                for (int i = 0; i < p.options().size(); i++) {
                    if (options.contains(p.sourceOptionIds().get(i))) {
                        labels.add(p.options().get(i).id());
                    }
                }
                yield new PaperItem(p.number(), p.itemId(), p.type(), p.stem(), p.options(), p.sourceOptionIds(),
                        labels, p.correctTrueFalse(), p.blanks(), p.score(), p.multipleRule(), p.rubric(),
                        p.operation(), null, p.itemScore());
            }
            case TRUE_FALSE -> new PaperItem(p.number(), p.itemId(), p.type(), p.stem(), p.options(),
                    p.sourceOptionIds(), p.correctOptions(), trueFalse, p.blanks(), p.score(), p.multipleRule(),
                    p.rubric(), p.operation(), p.choiceMapping(), p.itemScore());
            case FILL_IN -> {
                List<Blank> fixed = new ArrayList<>();
                for (int i = 0; i < blanks.size(); i++) {
                    Blank old = i < p.blanks().size() ? p.blanks().get(i) : null;
                    fixed.add(new Blank(blanks.get(i).stream().map(String::strip).toList(),
                            old == null ? null : old.tolerance()));
                }
                yield new PaperItem(p.number(), p.itemId(), p.type(), p.stem(), p.options(), p.sourceOptionIds(),
                        p.correctOptions(), p.correctTrueFalse(), fixed, p.score(), p.multipleRule(), p.rubric(),
                        p.operation(), null, p.itemScore());
            }
            default -> p;
        };
    }

    /**
     * Scores one answered paper item under a list of errata, the latest erratum on an item taking precedence (an
     * erratum may itself be corrected). Items no erratum concerns score as at submission.
     */
    public static ItemScore score(PaperItem item, Response response, List<Erratum> errata) {
        Erratum latest = null;
        for (Erratum e : errata) {
            if (e.concerns(item)) {
                latest = e;
            }
        }
        if (latest == null) {
            return Scorer.score(item, response);
        }
        if (latest.kind == Kind.VOID) {
            return new ItemScore(item.score(), item.score(), false);
        }
        return Scorer.score(latest.corrected(item), response);
    }
}
