package cn.examcore.bank.cli;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.io.json.BankJson;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.RubricPoint;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes assembled papers for administrators, keys included, as a JSON array. Field order is fixed and the key
 * is listed in display order, so the same papers always print byte for byte the same.
 */
final class PaperJson {

    private PaperJson() {
    }

    /**
     * Opens a JSON array on {@code out} (left open when the generator is closed). A generator closed before
     * {@link #end} leaves the array unterminated, so a run that failed half-way never passes for a complete one.
     */
    static JsonGenerator start(OutputStream out) throws IOException {
        JsonGenerator json = BankJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
        return json;
    }

    /** Writes one paper as the next element of the array. */
    static void write(JsonGenerator json, Paper paper) throws IOException {
        paper(json, paper);
        // Flushed per paper: a long run streams instead of holding every paper in memory.
        json.flush();
    }

    /** Closes the array. */
    static void end(JsonGenerator json) throws IOException {
        json.writeEndArray();
        json.writeRaw('\n');
        json.flush();
    }

    /** The papers as one complete JSON array. */
    static void write(List<Paper> papers, OutputStream out) throws IOException {
        try (JsonGenerator json = start(out)) {
            for (Paper paper : papers) {
                write(json, paper);
            }
            end(json);
        }
    }

    private static void paper(JsonGenerator json, Paper paper) throws IOException {
        json.writeStartObject();
        json.writeStringField("blueprintId", paper.blueprintId());
        json.writeStringField("bankId", paper.bankId());
        json.writeNumberField("seed", paper.seed());
        json.writeNumberField("form", paper.form());
        json.writeNumberField("itemCount", paper.itemCount());
        json.writeNumberField("totalScore", paper.totalScore());
        json.writeArrayFieldStart("sections");
        for (PaperSection section : paper.sections()) {
            json.writeStartObject();
            json.writeStringField("id", section.id());
            json.writeStringField("title", section.title());
            json.writeStringField("type", section.type().name());
            json.writeArrayFieldStart("items");
            for (PaperItem item : section.items()) {
                item(json, item);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void item(JsonGenerator json, PaperItem item) throws IOException {
        json.writeStartObject();
        json.writeNumberField("number", item.number());
        json.writeStringField("itemId", item.itemId());
        json.writeStringField("type", item.type().name());
        json.writeNumberField("score", item.score());
        json.writeStringField("stem", item.stem());
        if (!item.options().isEmpty()) {
            json.writeArrayFieldStart("options");
            for (Choice c : item.options()) {
                json.writeStartObject();
                json.writeStringField("id", c.id());
                json.writeStringField("html", c.html());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("sourceOptionIds");
            for (String id : item.sourceOptionIds()) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("key");
            for (Choice c : item.options()) {
                if (item.correctOptions().contains(c.id())) {
                    json.writeString(c.id());
                }
            }
            json.writeEndArray();
        }
        if (item.correctTrueFalse() != null) {
            json.writeBooleanField("key", item.correctTrueFalse());
        }
        if (item.multipleRule() != null) {
            json.writeStringField("multipleRule", item.multipleRule().name());
        }
        if (!item.blanks().isEmpty()) {
            json.writeArrayFieldStart("blanks");
            for (Blank b : item.blanks()) {
                json.writeStartObject();
                json.writeArrayFieldStart("accepted");
                for (String a : b.accepted()) {
                    json.writeString(a);
                }
                json.writeEndArray();
                if (b.tolerance() != null) {
                    json.writeNumberField("tolerance", b.tolerance());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (!item.rubric().isEmpty()) {
            json.writeArrayFieldStart("rubric");
            for (RubricPoint p : item.rubric()) {
                json.writeStartObject();
                json.writeStringField("description", p.description());
                json.writeNumberField("points", p.points());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (item.operation() != null) {
            json.writeObjectFieldStart("operation");
            json.writeArrayFieldStart("attachments");
            for (String a : item.operation().attachments()) {
                json.writeString(a);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("deliverableTypes");
            for (String d : item.operation().deliverableTypes()) {
                json.writeString(d);
            }
            json.writeEndArray();
            json.writeNumberField("timeLimitMinutes", item.operation().timeLimitMinutes());
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
