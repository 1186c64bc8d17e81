package cn.examcore.bank.model;

import java.util.List;
import java.util.Map;

/**
 * 题库: a validated set of items and the resources they refer to.
 *
 * @param id                  the bank's id
 * @param title               a human title
 * @param defaultMultipleRule how multiple-choice items score unless an item or section says otherwise
 * @param items               in authored order
 * @param resources           by name
 */
public record Bank(String id, String title, MultipleChoiceRule defaultMultipleRule, List<Item> items,
                   Map<String, Resource> resources) {

    public Bank {
        items = List.copyOf(items);
        resources = Map.copyOf(resources);
    }
}
