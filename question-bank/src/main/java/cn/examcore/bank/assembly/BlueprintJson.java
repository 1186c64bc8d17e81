package cn.examcore.bank.assembly;

import cn.examcore.bank.io.json.BankJson;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes blueprint files ({@code examcore-blueprint/1}, described in {@code docs/blueprint-json.md}).
 * Reading reports every problem at once, each located by its JSON pointer, and then runs
 * {@link BlueprintValidator}; a blueprint is returned only when there is none.
 */
public final class BlueprintJson {

    /** The value of the {@code format} field this version reads and writes. */
    public static final String FORMAT = "examcore-blueprint/1";

    /** Blueprints are a few kilobytes; anything this big is not one, and is refused before parsing. */
    public static final int MAX_BYTES = 1 << 20;

    /** The module's one mapper: strict about duplicate keys and trailing content, exact decimals. */
    private static final ObjectMapper MAPPER = BankJson.mapper();

    private static final Set<String> TOP_FIELDS =
            Set.of("format", "id", "title", "tags", "durationMinutes", "sections");
    private static final Set<String> TAG_FIELDS = Set.of("occupation", "level", "subject");
    private static final Set<String> SECTION_FIELDS =
            Set.of("id", "title", "type", "count", "scorePerItem", "multipleRule", "constraints");
    private static final Set<String> CONSTRAINT_FIELDS = Set.of("kind", "value", "min", "max");

    private BlueprintJson() {
    }

    /** Reads a blueprint file; problems are located as "FILE_NAME: /json/pointer". */
    public static Blueprint read(Path file) throws IOException {
        long size = Files.size(file);
        String name = file.getFileName().toString();
        if (size > MAX_BYTES) {
            throw new AssemblyException(List.of(AssemblyProblem.invalid(name, null,
                    "a blueprint file may be at most " + MAX_BYTES + " bytes, this one has " + size)));
        }
        return read(name, Files.readAllBytes(file));
    }

    /**
     * Reads a blueprint from bytes (UTF-8 JSON).
     *
     * @param fileName used in problem locations
     * @throws AssemblyException listing every problem, each with its JSON pointer
     */
    public static Blueprint read(String fileName, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new AssemblyException(List.of(AssemblyProblem.invalid(fileName, null,
                    "a blueprint file may be at most " + MAX_BYTES + " bytes, this one has " + content.length)));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new AssemblyException(List.of(AssemblyProblem.invalid(fileName, null,
                    "not valid JSON" + where + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new AssemblyException(List.of(AssemblyProblem.invalid(fileName, null,
                    "cannot read the blueprint: " + e.getMessage())));
        }
        Reader reader = new Reader();
        Blueprint blueprint = null;
        if (root == null || root.isMissingNode()) {
            reader.problems.add(AssemblyProblem.invalid("", null, "the file is empty"));
        } else {
            blueprint = reader.blueprint(root);
        }
        List<AssemblyProblem> problems = reader.problems;
        if (problems.isEmpty()) {
            problems = BlueprintValidator.validate(blueprint);
        }
        if (!problems.isEmpty()) {
            throw new AssemblyException(problems.stream().map(p -> p.withPlacePrefix(fileName)).toList());
        }
        return blueprint;
    }

    /** The blueprint as pretty-printed JSON in the file format. */
    public static String write(Blueprint blueprint) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", blueprint.id());
        root.put("title", blueprint.title());
        ObjectNode tags = root.putObject("tags");
        tags.put("occupation", blueprint.tags().occupation());
        tags.put("level", blueprint.tags().level());
        tags.put("subject", blueprint.tags().subject().name());
        root.put("durationMinutes", blueprint.durationMinutes());
        ArrayNode sections = root.putArray("sections");
        for (Section s : blueprint.sections()) {
            ObjectNode sn = sections.addObject();
            sn.put("id", s.id());
            sn.put("title", s.title());
            sn.put("type", s.type().name());
            sn.put("count", s.count());
            sn.put("scorePerItem", s.scorePerItem());
            if (s.multipleRule() == null) {
                sn.putNull("multipleRule");
            } else {
                sn.put("multipleRule", s.multipleRule().name());
            }
            ArrayNode cs = sn.putArray("constraints");
            for (Constraint c : s.constraints()) {
                ObjectNode cn = cs.addObject();
                cn.put("kind", c.kind().name());
                cn.put("value", c.value());
                cn.put("min", c.min());
                if (c.max() != null) {
                    cn.put("max", c.max());
                }
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of plain values cannot fail to serialise", e);
        }
    }

    /** Writes the blueprint to {@code file} as UTF-8 JSON. */
    public static void write(Blueprint blueprint, Path file) throws IOException {
        Files.writeString(file, write(blueprint), StandardCharsets.UTF_8);
    }

    /** Walks the tree, collecting a problem per bad field instead of stopping at the first. */
    private static final class Reader {

        final List<AssemblyProblem> problems = new ArrayList<>();

        Blueprint blueprint(JsonNode root) {
            if (!root.isObject()) {
                problem("", "the blueprint must be a JSON object, got " + kind(root));
                return null;
            }
            unknownFields(root, "", TOP_FIELDS);
            JsonNode format = root.get("format");
            if (format == null) {
                problem("/format", "missing field; expected \"" + FORMAT + "\"");
            } else if (!format.isTextual() || !FORMAT.equals(format.asText())) {
                problem("/format", "unsupported format " + format + "; expected \"" + FORMAT + "\"");
            }
            String id = text(root, "", "id");
            String title = text(root, "", "title");
            Tags tags = tags(root);
            Integer duration = integer(root, "", "durationMinutes", true);
            List<Section> sections = new ArrayList<>();
            JsonNode sn = root.get("sections");
            if (sn == null || sn.isNull()) {
                problem("/sections", "missing field; a blueprint needs at least one section");
            } else if (!sn.isArray()) {
                problem("/sections", "must be an array of sections, got " + kind(sn));
            } else {
                for (int i = 0; i < sn.size(); i++) {
                    Section s = section(sn.get(i), "/sections/" + i);
                    if (s != null) {
                        sections.add(s);
                    }
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new Blueprint(id, title, tags, duration, sections);
        }

        private Tags tags(JsonNode root) {
            JsonNode t = root.get("tags");
            if (t == null || t.isNull()) {
                problem("/tags", "missing field; expected {\"occupation\", \"level\", \"subject\"}");
                return null;
            }
            if (!t.isObject()) {
                problem("/tags", "must be an object with occupation, level and subject, got " + kind(t));
                return null;
            }
            unknownFields(t, "/tags", TAG_FIELDS);
            String occupation = text(t, "/tags", "occupation");
            Integer level = integer(t, "/tags", "level", true);
            Subject subject = enumValue(t, "/tags", "subject", true, Subject::parse,
                    "THEORY (理论知识) or OPERATION (操作技能)");
            if (occupation == null || level == null || subject == null) {
                return null;
            }
            return new Tags(occupation, level, subject);
        }

        private Section section(JsonNode s, String at) {
            if (!s.isObject()) {
                problem(at, "a section must be an object, got " + kind(s));
                return null;
            }
            int before = problems.size();
            unknownFields(s, at, SECTION_FIELDS);
            String id = text(s, at, "id");
            String title = text(s, at, "title");
            ItemType type = enumValue(s, at, "type", true, ItemType::parse,
                    "one of SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, FILL_IN, SHORT_ANSWER, ESSAY, OPERATION");
            Integer count = integer(s, at, "count", true);
            BigDecimal score = decimal(s, at, "scorePerItem");
            MultipleChoiceRule rule = enumValue(s, at, "multipleRule", false, BlueprintJson::rule,
                    "null, ALL_OR_NOTHING, PROPORTIONAL or PARTIAL_SUBSET");
            List<Constraint> constraints = new ArrayList<>();
            JsonNode cn = s.get("constraints");
            if (cn != null && !cn.isNull()) {
                if (!cn.isArray()) {
                    problem(at + "/constraints", "must be an array of constraints, got " + kind(cn));
                } else {
                    for (int j = 0; j < cn.size(); j++) {
                        Constraint c = constraint(cn.get(j), at + "/constraints/" + j);
                        if (c != null) {
                            constraints.add(c);
                        }
                    }
                }
            }
            if (problems.size() > before) {
                return null;
            }
            return new Section(id, title, type, count, score, rule, constraints);
        }

        private Constraint constraint(JsonNode c, String at) {
            if (!c.isObject()) {
                problem(at, "a constraint must be an object, got " + kind(c));
                return null;
            }
            int before = problems.size();
            unknownFields(c, at, CONSTRAINT_FIELDS);
            Constraint.Kind kind = enumValue(c, at, "kind", true, BlueprintJson::constraintKind,
                    "KNOWLEDGE_POINT or DIFFICULTY");
            String value = null;
            JsonNode v = c.get("value");
            if (v == null || v.isNull()) {
                problem(at + "/value", "missing field; the knowledge-point prefix or the difficulty 1 to 5");
            } else if (v.isTextual()) {
                value = v.asText();
            } else if (v.isIntegralNumber() && kind == Constraint.Kind.DIFFICULTY) {
                // A difficulty written as a number is unambiguous; accept it and hold it as text like the model.
                value = v.asText();
            } else {
                problem(at + "/value", "must be a string, got " + kind(v));
            }
            Integer min = integer(c, at, "min", false);
            Integer max = integer(c, at, "max", false);
            if (problems.size() > before) {
                return null;
            }
            return new Constraint(kind, value, min == null ? 0 : min, max);
        }

        private String text(JsonNode obj, String at, String field) {
            JsonNode n = obj.get(field);
            if (n == null || n.isNull()) {
                problem(at + "/" + field, "missing field");
                return null;
            }
            if (!n.isTextual()) {
                problem(at + "/" + field, "must be a string, got " + kind(n));
                return null;
            }
            return n.asText();
        }

        private Integer integer(JsonNode obj, String at, String field, boolean required) {
            JsonNode n = obj.get(field);
            if (n == null || n.isNull()) {
                if (required) {
                    problem(at + "/" + field, "missing field; expected a whole number");
                }
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                problem(at + "/" + field, "must be a whole number, got " + (n.isNumber() ? n.asText() : kind(n)));
                return null;
            }
            return n.intValue();
        }

        private BigDecimal decimal(JsonNode obj, String at, String field) {
            JsonNode n = obj.get(field);
            if (n == null || n.isNull()) {
                problem(at + "/" + field, "missing field; expected a number");
                return null;
            }
            if (!n.isNumber()) {
                problem(at + "/" + field, "must be a number, got " + kind(n));
                return null;
            }
            return n.decimalValue();
        }

        private <E> E enumValue(JsonNode obj, String at, String field, boolean required,
                                Function<String, Optional<E>> parse, String expected) {
            JsonNode n = obj.get(field);
            if (n == null || n.isNull()) {
                if (required) {
                    problem(at + "/" + field, "missing field; expected " + expected);
                }
                return null;
            }
            if (!n.isTextual()) {
                problem(at + "/" + field, "must be a string (" + expected + "), got " + kind(n));
                return null;
            }
            return parse.apply(n.asText()).orElseGet(() -> {
                problem(at + "/" + field, "unknown value \"" + n.asText() + "\"; expected " + expected);
                return null;
            });
        }

        private void unknownFields(JsonNode obj, String at, Set<String> known) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (!known.contains(name)) {
                    problem(at + "/" + escape(name), "unknown field \"" + name + "\"; expected one of "
                            + known.stream().sorted().toList());
                }
            }
        }

        private void problem(String pointer, String message) {
            problems.add(AssemblyProblem.invalid(pointer, null, message));
        }
    }

    private static Optional<MultipleChoiceRule> rule(String text) {
        return parseEnum(MultipleChoiceRule.class, text);
    }

    private static Optional<Constraint.Kind> constraintKind(String text) {
        return parseEnum(Constraint.Kind.class, text);
    }

    private static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** JSON pointer escaping (RFC 6901), so a field name with "/" or "~" still points at itself. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "the string " + n;
            case NUMBER -> "the number " + n.asText();
            case BOOLEAN -> n.asText();
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
