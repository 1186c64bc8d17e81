package cn.examcore.server.testing;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.paper.PaperService;
import io.vertx.core.json.JsonArray;
import java.util.Comparator;
import java.util.List;

/** Server-side views of papers for tests: the keys a test needs to answer right or wrong on purpose. */
public final class Papers {

    private Papers() {
    }

    public static PaperService.LoadedPaper of(TestNode node, String attemptId) {
        return TestNode.await(node.node().services().papers().paper(attemptId));
    }

    /** The first item of the type on the paper. */
    public static PaperItem first(PaperService.LoadedPaper p, ItemType type) {
        return p.items().values().stream().filter(i -> i.type() == type)
                .min(Comparator.comparingInt(PaperItem::number))
                .orElseThrow(() -> new AssertionError("no " + type + " item on the paper"));
    }

    /** A correct value for an objective item, in the wire shape. */
    public static Object correct(PaperItem item) {
        return switch (item.type()) {
            case SINGLE_CHOICE -> item.correctOptions().iterator().next();
            case MULTIPLE_CHOICE -> new JsonArray(item.correctOptions().stream().sorted().toList());
            case TRUE_FALSE -> item.correctTrueFalse();
            case FILL_IN -> new JsonArray(item.blanks().stream().map(b -> b.accepted().get(0)).toList());
            default -> throw new IllegalArgumentException("not objective: " + item.type());
        };
    }

    /** A wrong value for an objective item, in the wire shape. */
    public static Object wrong(PaperItem item) {
        return switch (item.type()) {
            case SINGLE_CHOICE -> item.options().stream().map(o -> o.id())
                    .filter(id -> !item.correctOptions().contains(id)).findFirst().orElseThrow();
            case MULTIPLE_CHOICE -> new JsonArray(List.of(item.options().stream().map(o -> o.id())
                    .filter(id -> !item.correctOptions().contains(id)).findFirst().orElseThrow()));
            case TRUE_FALSE -> !item.correctTrueFalse();
            case FILL_IN -> new JsonArray(item.blanks().stream().map(b -> "zz-wrong-zz").toList());
            default -> throw new IllegalArgumentException("not objective: " + item.type());
        };
    }

    public static boolean objective(ItemType t) {
        return t.machineScored();
    }
}
