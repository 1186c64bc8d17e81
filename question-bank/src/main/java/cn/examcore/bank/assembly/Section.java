package cn.examcore.bank.assembly;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import java.math.BigDecimal;
import java.util.List;

/**
 * 大题: one section of a blueprint.
 *
 * @param id            unique in the blueprint
 * @param title         shown to candidates (e.g. "一、单项选择题")
 * @param type          the item type every item of the section has
 * @param count         how many items
 * @param scorePerItem  each item's score on the paper (overrides the item's own)
 * @param multipleRule  rule for multiple choice in this section; null means the item's or the bank's
 * @param constraints   knowledge-point and difficulty limits
 */
public record Section(String id, String title, ItemType type, int count, BigDecimal scorePerItem,
                      MultipleChoiceRule multipleRule, List<Constraint> constraints) {

    public Section {
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }
}
