package cn.examcore.bank.scoring;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * 评分: scores one answered item of a paper at submission.
 *
 * <p>Unanswered ({@code null}) scores zero. A response whose shape does not fit the item type (true/false for a
 * choice item, text for a fill-in …) also scores zero: the server rejects such answers when they are saved, so
 * here it can only be a stale or tampered value, and zero is the one safe reading. Human-marked types (简答, 论述,
 * 操作) score zero with {@code needsMarking}, whatever the response, and wait for markers. An item with a
 * partial-credit mapping (imported from QTI's map_response) is scored by the mapping instead of its type's rule.
 */
public final class Scorer {

    private Scorer() {
    }

    /**
     * @param item     the item as it stands on the paper (display labels, resolved rule, paper score)
     * @param response the candidate's answer, or null when unanswered
     * @throws IllegalArgumentException when the paper item itself is incomplete (no score, no key, or a
     *                                  multiple-choice item without a resolved rule); assembly from a validated
     *                                  bank never produces one
     */
    public static ItemScore score(ScorableItem item, Response response) {
        BigDecimal max = item.score();
        if (max == null) {
            throw new IllegalArgumentException("paper item " + item.number() + " (" + item.itemId() + ") has no score");
        }
        if (!item.type().machineScored()) {
            return new ItemScore(ObjectiveRules.zero(), max, true);
        }
        return new ItemScore(objectivePoints(item, response, max), max, false);
    }

    private static BigDecimal objectivePoints(ScorableItem item, Response response, BigDecimal max) {
        return switch (item.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> response instanceof Response.Choices c
                    ? choicePoints(item, c.chosen(), max) : ObjectiveRules.zero();
            case TRUE_FALSE -> response instanceof Response.TrueFalse tf
                    ? ObjectiveRules.trueFalse(requireTrueFalseKey(item), tf.value(), max) : ObjectiveRules.zero();
            case FILL_IN -> response instanceof Response.Blanks b
                    ? fillInPoints(item, b.values(), max) : ObjectiveRules.zero();
            case SHORT_ANSWER, ESSAY, OPERATION -> throw new IllegalStateException("human-marked: " + item.type());
        };
    }

    private static BigDecimal choicePoints(ScorableItem item, Set<String> chosen, BigDecimal max) {
        if (item.choiceMapping() != null) {
            return ObjectiveRules.mappedChoices(item.choiceMapping(), chosen, item.itemScore(), max);
        }
        if (item.type() == ItemType.SINGLE_CHOICE) {
            return ObjectiveRules.singleChoice(requireKey(item), chosen, max);
        }
        return ObjectiveRules.multipleChoice(requireRule(item), requireKey(item), chosen, max);
    }

    private static BigDecimal fillInPoints(ScorableItem item, List<String> values, BigDecimal max) {
        if (item.blanks().stream().anyMatch(b -> b.mapping() != null)) {
            return ObjectiveRules.mappedFillIn(item.blanks(), values, item.itemScore(), max);
        }
        return ObjectiveRules.fillIn(item.blanks(), values, max);
    }

    private static Set<String> requireKey(ScorableItem item) {
        if (item.correctOptions().isEmpty()) {
            throw new IllegalArgumentException("choice paper item " + item.number() + " (" + item.itemId()
                    + ") has no key");
        }
        return item.correctOptions();
    }

    private static MultipleChoiceRule requireRule(ScorableItem item) {
        if (item.multipleRule() == null) {
            throw new IllegalArgumentException("multiple-choice paper item " + item.number() + " ("
                    + item.itemId() + ") has no resolved scoring rule");
        }
        return item.multipleRule();
    }

    private static boolean requireTrueFalseKey(ScorableItem item) {
        if (item.correctTrueFalse() == null) {
            throw new IllegalArgumentException("true/false paper item " + item.number() + " (" + item.itemId()
                    + ") has no key");
        }
        return item.correctTrueFalse();
    }
}
