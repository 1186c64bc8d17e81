package cn.examcore.bank.scoring;

import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.ScoreMapping;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What the {@link Scorer} reads of one item as it stands on a candidate's paper. The assembled paper item
 * ({@code cn.examcore.bank.assembly.PaperItem}) is the implementation; scoring names only this interface so that
 * it depends on the item model alone and not on paper assembly.
 */
public interface ScorableItem {

    /** 1-based position on the paper, for error messages. */
    int number();

    /** The bank item's id, for error messages. */
    String itemId();

    ItemType type();

    /** Key in display labels (choice types); empty for other types. */
    Set<String> correctOptions();

    /** Key of a true/false item, else null. */
    Boolean correctTrueFalse();

    /** Accepted answers (fill-in); empty for other types. */
    List<Blank> blanks();

    /** This item's score on the paper. */
    BigDecimal score();

    /** The resolved rule of a multiple-choice item, else null. */
    MultipleChoiceRule multipleRule();

    /**
     * The partial-credit mapping of a choice item, keyed by display labels, when it replaces the type's rule; null
     * (the default) when the type's rule applies.
     */
    default ScoreMapping choiceMapping() {
        return null;
    }

    /**
     * The item's own score in the bank, the scale its mappings' points are written in; the points are scaled from
     * it to {@link #score()}. Defaults to {@link #score()}.
     */
    default BigDecimal itemScore() {
        return score();
    }
}
