package cn.examcore.bank.io.json;

import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.SourceMap;
import cn.examcore.bank.report.Location;
import java.util.List;

/**
 * Source places of a native JSON bank as JSON pointers: {@code /items/3/key}, {@code /items/3/options/1}. A sub-index
 * of -1 for {@link ItemField#OPTION} or {@link ItemField#BLANK} points at the whole list.
 *
 * @param fileName      the file name
 * @param sourceIndexes for each parsed item, its index in the file's {@code items} array (items left out by the
 *                      reader make the two differ)
 */
record JsonSourceMap(String fileName, List<Integer> sourceIndexes) implements SourceMap {

    JsonSourceMap {
        sourceIndexes = List.copyOf(sourceIndexes);
    }

    @Override
    public Location locate(int itemIndex, ItemField field, int subIndex) {
        String item = "/items/" + sourceIndexes.get(itemIndex);
        return new Location(fileName, switch (field) {
            case ITEM -> item;
            case OPTION -> item + "/options" + (subIndex >= 0 ? "/" + subIndex : "");
            case BLANK -> item + "/blanks" + (subIndex >= 0 ? "/" + subIndex : "");
            default -> item + "/" + member(field);
        });
    }

    @Override
    public Location file() {
        return Location.file(fileName);
    }

    private static String member(ItemField field) {
        return switch (field) {
            case ID -> "id";
            case TYPE -> "type";
            case STEM -> "stem";
            case OPTIONS -> "options";
            case KEY -> "key";
            case SCORE -> "score";
            case MULTIPLE_RULE -> "multipleRule";
            case KNOWLEDGE_POINT -> "knowledgePoint";
            case DIFFICULTY -> "difficulty";
            case TAGS -> "tags";
            case RUBRIC -> "rubric";
            case OPERATION -> "operation";
            case EXPLANATION -> "explanation";
            case ITEM, OPTION, BLANK -> throw new IllegalArgumentException(field.name());
        };
    }
}
