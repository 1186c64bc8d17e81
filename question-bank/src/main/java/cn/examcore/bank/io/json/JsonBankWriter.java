package cn.examcore.bank.io.json;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.Tags;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a bank in the native format {@value BankJson#FORMAT}, so that {@link JsonBankReader} reads back exactly the
 * same bank. Output is deterministic (resources by name, a key in the order its options are listed), indented,
 * UTF-8 with Chinese text as is. Each item carries the fields its type uses; {@code null} and empty optional
 * values are left out.
 */
public final class JsonBankWriter {

    /** Writes {@code bank} to {@code out}, which stays open. */
    public void write(Bank bank, OutputStream out) throws IOException {
        try (JsonGenerator json = BankJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("format", BankJson.FORMAT);
            json.writeStringField("id", bank.id());
            json.writeStringField("title", bank.title());
            json.writeStringField("defaultMultipleRule", bank.defaultMultipleRule().name());
            json.writeArrayFieldStart("resources");
            for (Resource resource : sortedByName(bank)) {
                json.writeStartObject();
                json.writeStringField("name", resource.name());
                json.writeStringField("mediaType", resource.mediaType());
                json.writeFieldName("base64");
                json.writeBinary(resource.bytes());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("items");
            for (Item item : bank.items()) {
                writeItem(json, item);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** The bank as the bytes of a {@code .json} file. */
    public byte[] toBytes(Bank bank) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(bank, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static List<Resource> sortedByName(Bank bank) {
        List<Resource> resources = new ArrayList<>(bank.resources().values());
        resources.sort(Comparator.comparing(Resource::name));
        return resources;
    }

    private static void writeItem(JsonGenerator json, Item item) throws IOException {
        ItemType type = item.type();
        json.writeStartObject();
        json.writeStringField("id", item.id());
        json.writeStringField("type", type.name());
        json.writeStringField("stem", item.stem());
        if (type.hasOptions()) {
            json.writeArrayFieldStart("options");
            for (Choice option : item.options()) {
                json.writeStartObject();
                json.writeStringField("id", option.id());
                json.writeStringField("html", option.html());
                if (option.fixed()) {
                    json.writeBooleanField("fixed", true);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("key");
            for (String optionId : keyInOptionOrder(item)) {
                json.writeString(optionId);
            }
            json.writeEndArray();
        } else if (type == ItemType.TRUE_FALSE && item.correctTrueFalse() != null) {
            json.writeBooleanField("key", item.correctTrueFalse());
        } else if (type == ItemType.FILL_IN) {
            writeBlanks(json, item.blanks());
        }
        writeDecimal(json, "score", item.score());
        if (type.hasOptions() && item.choiceMapping() != null) {
            writeMapping(json, item.choiceMapping());
        }
        if (type == ItemType.MULTIPLE_CHOICE && item.multipleRule() != null) {
            json.writeStringField("multipleRule", item.multipleRule().name());
        }
        if (type.hasOptions()) {
            json.writeBooleanField("shuffleOptions", item.shuffleOptions());
        }
        if (item.knowledgePoint() != null) {
            json.writeStringField("knowledgePoint", item.knowledgePoint());
        }
        json.writeNumberField("difficulty", item.difficulty());
        writeTags(json, item.tags());
        if (!type.machineScored()) {
            writeRubric(json, item.rubric());
        }
        if (type == ItemType.OPERATION && item.operation() != null) {
            writeOperation(json, item.operation());
        }
        if (!item.explanation().isEmpty()) {
            json.writeStringField("explanation", item.explanation());
        }
        json.writeEndObject();
    }

    /** A key is a set; writing it in option order keeps exports stable and readable. */
    private static List<String> keyInOptionOrder(Item item) {
        List<String> key = new ArrayList<>();
        for (Choice option : item.options()) {
            if (item.correctOptions().contains(option.id())) {
                key.add(option.id());
            }
        }
        item.correctOptions().stream().filter(id -> !key.contains(id)).sorted().forEach(key::add);
        return key;
    }

    private static void writeBlanks(JsonGenerator json, List<Blank> blanks) throws IOException {
        json.writeArrayFieldStart("blanks");
        for (Blank blank : blanks) {
            json.writeStartObject();
            json.writeArrayFieldStart("accepted");
            for (String accepted : blank.accepted()) {
                json.writeString(accepted);
            }
            json.writeEndArray();
            writeDecimal(json, "tolerance", blank.tolerance());
            if (blank.mapping() != null) {
                writeMapping(json, blank.mapping());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeMapping(JsonGenerator json, ScoreMapping mapping) throws IOException {
        json.writeObjectFieldStart("mapping");
        json.writeArrayFieldStart("entries");
        for (ScoreMapping.Entry entry : mapping.entries()) {
            json.writeStartObject();
            json.writeStringField("key", entry.key());
            writeDecimal(json, "points", entry.points());
            json.writeBooleanField("caseSensitive", entry.caseSensitive());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeDecimal(json, "defaultValue", mapping.defaultValue());
        writeDecimal(json, "lowerBound", mapping.lowerBound());
        writeDecimal(json, "upperBound", mapping.upperBound());
        if (mapping.maxChoices() != null) {
            json.writeNumberField("maxChoices", mapping.maxChoices());
        }
        json.writeEndObject();
    }

    private static void writeTags(JsonGenerator json, Tags tags) throws IOException {
        if (tags == null) {
            return;
        }
        json.writeObjectFieldStart("tags");
        json.writeStringField("occupation", tags.occupation());
        json.writeNumberField("level", tags.level());
        json.writeStringField("subject", tags.subject() == null ? null : tags.subject().name());
        json.writeEndObject();
    }

    private static void writeRubric(JsonGenerator json, List<RubricPoint> rubric) throws IOException {
        json.writeArrayFieldStart("rubric");
        for (RubricPoint point : rubric) {
            json.writeStartObject();
            json.writeStringField("description", point.description());
            writeDecimal(json, "points", point.points());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeOperation(JsonGenerator json, OperationSpec operation) throws IOException {
        json.writeObjectFieldStart("operation");
        writeStrings(json, "attachments", operation.attachments());
        writeStrings(json, "deliverableTypes", operation.deliverableTypes());
        json.writeNumberField("timeLimitMinutes", operation.timeLimitMinutes());
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** Written as a JSON number with its exact digits: 2.50 stays 2.50. */
    private static void writeDecimal(JsonGenerator json, String field, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeFieldName(field);
            json.writeNumber(value);
        }
    }
}
