package cn.examcore.bank.io;

import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills what items leave out from the {@link ImportContext}, for every format alike, before validation. An item's
 * own value is never replaced; every value filled is named in one warning at the item's tags or difficulty.
 */
final class Defaults {

    private Defaults() {
    }

    static ParsedBank apply(ParsedBank parsed, ImportContext context) {
        if (context.isEmpty() || parsed.items() == null || parsed.items().isEmpty()) {
            return parsed;
        }
        List<Item> items = new ArrayList<>(parsed.items().size());
        List<Issue> issues = new ArrayList<>(parsed.readIssues() == null ? List.of() : parsed.readIssues());
        for (int i = 0; i < parsed.items().size(); i++) {
            Item item = parsed.items().get(i);
            List<String> filled = new ArrayList<>();
            Tags tags = item.tags();
            String occupation = tags == null || tags.occupation() == null || tags.occupation().isBlank()
                    ? fill(context.occupation(), "occupation", filled) : tags.occupation();
            int level = tags == null || tags.level() == 0 ? fill(context.level(), "level", filled) : tags.level();
            Subject subject = tags == null || tags.subject() == null ? fill(context.subject(), "subject", filled)
                    : tags.subject();
            boolean tagsFilled = !filled.isEmpty();
            int difficulty = item.difficulty() == 0 ? fill(context.difficulty(), "difficulty", filled)
                    : item.difficulty();
            if (filled.isEmpty()) {
                items.add(item);
                continue;
            }
            Tags newTags = tags == null && occupation == null && level == 0 && subject == null ? null
                    : new Tags(occupation == null ? "" : occupation, level, subject);
            items.add(new Item(item.id(), item.type(), item.stem(), item.options(), item.correctOptions(),
                    item.correctTrueFalse(), item.blanks(), item.score(), item.multipleRule(), item.shuffleOptions(),
                    item.knowledgePoint(), difficulty, newTags, item.rubric(), item.operation(), item.explanation(),
                    item.choiceMapping()));
            issues.add(Issue.warning(parsed.sourceMap().locate(i, tagsFilled ? ItemField.TAGS : ItemField.DIFFICULTY,
                    -1), Rule.DEFAULTED_VALUE, "the item gives no " + String.join(", ", filled)
                    + "; taken from the import's defaults"));
        }
        return new ParsedBank(parsed.id(), parsed.title(), parsed.defaultMultipleRule(), items, parsed.resources(),
                issues, parsed.sourceMap());
    }

    private static <T> T fill(T value, String name, List<String> filled) {
        if (value != null) {
            filled.add(describe(name, value));
        }
        return value;
    }

    private static int fill(int value, String name, List<String> filled) {
        if (value != 0) {
            filled.add(describe(name, value));
        }
        return value;
    }

    private static String describe(String name, Object value) {
        return name + " (" + (value instanceof Subject s ? s.chineseName() : value) + ")";
    }
}
