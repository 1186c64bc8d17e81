package cn.examcore.bank.assembly;

import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.scoring.ScorableItem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One item as it stands on one candidate's paper: numbered, options in this candidate's order and relabelled
 * A, B, C … in display order, key remapped to those labels, score as the blueprint says. It is what the
 * {@link cn.examcore.bank.scoring.Scorer} scores at submission.
 *
 * @param number          1-based position on the paper
 * @param itemId          the bank item's id
 * @param type            item type
 * @param stem            safe HTML
 * @param options         display order, ids relabelled "A", "B" …
 * @param sourceOptionIds for each displayed option, the id it had in the bank (for answer statistics)
 * @param correctOptions  key in display labels (choice types)
 * @param correctTrueFalse key (true/false)
 * @param blanks          accepted answers (fill-in)
 * @param score           this item's score on the paper
 * @param multipleRule    resolved rule (multiple choice), else null
 * @param rubric          marking points (human-marked types)
 * @param operation       operation task details, else null
 * @param choiceMapping   partial-credit mapping of a choice item in display labels, else null
 * @param itemScore       the item's own score in the bank, which mapped points are scaled from
 */
public record PaperItem(int number, String itemId, ItemType type, String stem, List<Choice> options,
                        List<String> sourceOptionIds, Set<String> correctOptions, Boolean correctTrueFalse,
                        List<Blank> blanks, BigDecimal score, MultipleChoiceRule multipleRule,
                        List<RubricPoint> rubric, OperationSpec operation, ScoreMapping choiceMapping,
                        BigDecimal itemScore) implements ScorableItem {

    /** A paper item scored by its type's rule at its paper score. */
    public PaperItem(int number, String itemId, ItemType type, String stem, List<Choice> options,
                     List<String> sourceOptionIds, Set<String> correctOptions, Boolean correctTrueFalse,
                     List<Blank> blanks, BigDecimal score, MultipleChoiceRule multipleRule,
                     List<RubricPoint> rubric, OperationSpec operation) {
        this(number, itemId, type, stem, options, sourceOptionIds, correctOptions, correctTrueFalse, blanks, score,
                multipleRule, rubric, operation, null, score);
    }

    public PaperItem {
        itemScore = itemScore == null ? score : itemScore;
        options = List.copyOf(options);
        sourceOptionIds = List.copyOf(sourceOptionIds);
        correctOptions = Set.copyOf(correctOptions);
        blanks = List.copyOf(blanks);
        rubric = List.copyOf(rubric);
    }
}
