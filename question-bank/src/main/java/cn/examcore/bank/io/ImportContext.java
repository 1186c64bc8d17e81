package cn.examcore.bank.io;

import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.model.Subject;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * 导入默认值: what the administrator says about a whole import, for content written where our tags do not exist
 * (a QTI package from another tool has no occupation, level or difficulty). An item's own value always wins; each
 * value taken from here is reported as a warning at the item, so nothing is defaulted silently.
 *
 * @param occupation 职业, or null
 * @param level      等级 1–5, or 0 for none
 * @param subject    科目, or null
 * @param difficulty 难度 1–5, or 0 for none
 */
public record ImportContext(String occupation, int level, Subject subject, int difficulty) {

    public ImportContext {
        occupation = occupation == null || occupation.isBlank() ? null : occupation.strip();
        if (level < 0 || level > 5) {
            throw new IllegalArgumentException("level " + level + " is outside 1 to 5");
        }
        if (difficulty < 0 || difficulty > 5) {
            throw new IllegalArgumentException("difficulty " + difficulty + " is outside 1 to 5");
        }
    }

    /** No defaults: every item must carry its own tags and difficulty. */
    public static ImportContext none() {
        return new ImportContext(null, 0, null, 0);
    }

    /**
     * Reads the values as an administrator types them (the Excel template's words: 四级, 理论知识, 较难 …); a
     * null or blank text gives no default.
     *
     * @throws IllegalArgumentException naming the value that is not understood
     */
    public static ImportContext parse(String occupation, String level, String subject, String difficulty) {
        return new ImportContext(occupation, number(level, "level", Vocabulary::level),
                subject == null || subject.isBlank() ? null : Subject.parse(Vocabulary.fold(subject))
                        .orElseThrow(() -> new IllegalArgumentException("subject \"" + subject
                                + "\" must be 理论知识 or 操作技能")),
                number(difficulty, "difficulty", Vocabulary::difficulty));
    }

    private static int number(String text, String what, java.util.function.Function<String, OptionalInt> parse) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return Optional.of(parse.apply(text.strip())).filter(OptionalInt::isPresent).map(OptionalInt::getAsInt)
                .orElseThrow(() -> new IllegalArgumentException(what + " \"" + text + "\" must be 1 to 5 or its "
                        + "name (" + (what.equals("level") ? "四级, 中级工 …" : "易, 较易, 中, 较难, 难") + ")"));
    }

    /** Whether any default is given. */
    public boolean isEmpty() {
        return occupation == null && level == 0 && subject == null && difficulty == 0;
    }
}
