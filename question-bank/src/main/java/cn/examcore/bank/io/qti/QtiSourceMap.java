package cn.examcore.bank.io.qti;

import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.SourceMap;
import cn.examcore.bank.report.Location;
import java.util.List;
import java.util.Map;

/**
 * Points validation findings at QTI elements: file "pkg.zip!items/q7.xml", place an element path such as
 * "/assessmentItem/responseDeclaration[1]/correctResponse".
 *
 * @param fileLocation the uploaded file as a whole
 * @param items        per parsed item, where its parts are
 */
record QtiSourceMap(Location fileLocation, List<Places> items) implements SourceMap {

    /**
     * Where one item's parts are.
     *
     * @param item    the item's root element
     * @param fields  the element (or attribute) of each part the item has
     * @param options each option's element
     * @param blanks  each blank's interaction element
     */
    record Places(Location item, Map<ItemField, Location> fields, List<Location> options, List<Location> blanks) {

        Places {
            fields = Map.copyOf(fields);
            options = List.copyOf(options);
            blanks = List.copyOf(blanks);
        }
    }

    QtiSourceMap {
        items = List.copyOf(items);
    }

    @Override
    public Location locate(int itemIndex, ItemField field, int subIndex) {
        if (itemIndex < 0 || itemIndex >= items.size()) {
            return fileLocation;
        }
        Places places = items.get(itemIndex);
        if (field == ItemField.OPTION && subIndex >= 0 && subIndex < places.options().size()) {
            return places.options().get(subIndex);
        }
        if (field == ItemField.BLANK && subIndex >= 0 && subIndex < places.blanks().size()) {
            return places.blanks().get(subIndex);
        }
        return places.fields().getOrDefault(field, places.item());
    }

    @Override
    public Location file() {
        return fileLocation;
    }
}
