package cn.examcore.bank.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * 试题: one question of a bank, in the one model every import format reads into.
 *
 * <p>The key is held according to the type: {@code correctOptions} for single and multiple choice (option ids),
 * {@code correctTrueFalse} for true/false, {@code blanks} for fill-in; {@code rubric} for the human-marked types.
 * Fields a type does not use are empty lists / null.
 *
 * @param id               stable id, unique in the bank
 * @param type             the item type
 * @param stem             题干, safe HTML subset; images as {@code res:NAME}
 * @param options          选项, in authored order (choice types only)
 * @param correctOptions   答案 for choice types: ids of the correct options
 * @param correctTrueFalse 答案 for true/false
 * @param blanks           blanks of a fill-in item with their accepted answers
 * @param score            分值 when the item is used at its own score (a blueprint section may override it)
 * @param multipleRule     rule for a multiple-choice item; null means the bank's default
 * @param shuffleOptions   whether option order may be shuffled per candidate
 * @param knowledgePoint   知识点/鉴定要素 code, e.g. "HR4-02-03"
 * @param difficulty       难度, 1 (easiest) to 5 (hardest)
 * @param tags             occupation / level / subject
 * @param rubric           评分要点 for human-marked types
 * @param operation        operation-task details, null for other types
 * @param explanation      解析 shown to markers and in reports, never to candidates; may be empty
 * @param choiceMapping    for a choice item scored by partial credit (QTI mapResponse over option ids), the
 *                         mapping that replaces the type's rule; null when the type's rule applies
 */
public record Item(
        String id,
        ItemType type,
        String stem,
        List<Choice> options,
        Set<String> correctOptions,
        Boolean correctTrueFalse,
        List<Blank> blanks,
        BigDecimal score,
        MultipleChoiceRule multipleRule,
        boolean shuffleOptions,
        String knowledgePoint,
        int difficulty,
        Tags tags,
        List<RubricPoint> rubric,
        OperationSpec operation,
        String explanation,
        ScoreMapping choiceMapping) {

    /** An item scored by its type's own rule. */
    public Item(String id, ItemType type, String stem, List<Choice> options, Set<String> correctOptions,
                Boolean correctTrueFalse, List<Blank> blanks, BigDecimal score, MultipleChoiceRule multipleRule,
                boolean shuffleOptions, String knowledgePoint, int difficulty, Tags tags, List<RubricPoint> rubric,
                OperationSpec operation, String explanation) {
        this(id, type, stem, options, correctOptions, correctTrueFalse, blanks, score, multipleRule, shuffleOptions,
                knowledgePoint, difficulty, tags, rubric, operation, explanation, null);
    }

    public Item {
        options = options == null ? List.of() : List.copyOf(options);
        correctOptions = correctOptions == null ? Set.of() : Set.copyOf(correctOptions);
        blanks = blanks == null ? List.of() : List.copyOf(blanks);
        rubric = rubric == null ? List.of() : List.copyOf(rubric);
        explanation = explanation == null ? "" : explanation;
    }
}
