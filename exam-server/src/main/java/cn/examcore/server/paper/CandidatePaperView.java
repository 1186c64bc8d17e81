package cn.examcore.server.paper;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The paper as a candidate may see it (docs/candidate-protocol.md §3): numbers, stems, options, blank counts,
 * scores and operation attachments; never keys, accepted blanks, rubrics, explanations or bank ids. Built by
 * copying the allowed fields one by one, so a field added to the paper model later cannot leak by default.
 */
public final class CandidatePaperView {

    private CandidatePaperView() {
    }

    public static ObjectNode of(String attemptId, String title, Paper paper) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("attemptId", attemptId);
        root.put("title", title);
        root.put("totalScore", paper.totalScore());
        ArrayNode sections = root.putArray("sections");
        for (PaperSection s : paper.sections()) {
            ObjectNode sec = sections.addObject();
            sec.put("id", s.id());
            sec.put("title", s.title());
            sec.put("type", s.type().name());
            ArrayNode items = sec.putArray("items");
            for (PaperItem i : s.items()) {
                ObjectNode item = items.addObject();
                item.put("number", i.number());
                item.put("type", i.type().name());
                item.put("stem", i.stem());
                item.put("score", i.score());
                ArrayNode options = item.putArray("options");
                for (Choice c : i.options()) {
                    options.addObject().put("id", c.id()).put("html", c.html());
                }
                item.put("blanks", i.blanks().size());
                if (i.choiceMapping() != null && i.choiceMapping().maxChoices() != null) {
                    // "Choose three": more options score 0 (question-bank docs/qti.md), so the page limits them.
                    item.put("maxChoices", i.choiceMapping().maxChoices());
                }
                if (i.operation() != null) {
                    ObjectNode op = item.putObject("operation");
                    i.operation().attachments().forEach(op.putArray("attachments")::add);
                    i.operation().deliverableTypes().forEach(op.putArray("deliverableTypes")::add);
                } else {
                    item.putNull("operation");
                }
            }
        }
        return root;
    }

    public static byte[] bytes(String attemptId, String title, Paper paper) {
        return Json.encode(of(attemptId, title, paper)).getBytes(StandardCharsets.UTF_8);
    }
}
