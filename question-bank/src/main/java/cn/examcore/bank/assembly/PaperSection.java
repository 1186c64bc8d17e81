package cn.examcore.bank.assembly;

import cn.examcore.bank.model.ItemType;
import java.util.List;

/** One section of an assembled paper. */
public record PaperSection(String id, String title, ItemType type, List<PaperItem> items) {

    public PaperSection {
        items = List.copyOf(items);
    }
}
