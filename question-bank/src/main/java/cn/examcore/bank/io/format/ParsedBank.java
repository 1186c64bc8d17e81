package cn.examcore.bank.io.format;

import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.report.Issue;
import java.util.List;
import java.util.Map;

/**
 * What a format reader produced before validation: items in the common model (possibly incomplete, e.g. a null
 * score, which validation then reports), the problems the reader itself met (an unknown type, a number that is
 * not a number, an unsupported interaction: such an item is left out of {@code items} and reported here), and
 * the map back to source places.
 */
public record ParsedBank(String id, String title, MultipleChoiceRule defaultMultipleRule, List<Item> items,
                         Map<String, Resource> resources, List<Issue> readIssues, SourceMap sourceMap) {
}
