package cn.examcore.server.attempt;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.scoring.Response;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The value shapes of docs/candidate-protocol.md §4, checked against the item they answer and brought into one
 * canonical JSON text (so equal answers compare equal), and read back as a scoring {@link Response}.
 */
public final class AnswerValues {

    /** Longest text of a short answer, essay or operation note. */
    public static final int MAX_TEXT_CHARS = 20_000;
    /** Longest single blank. */
    public static final int MAX_BLANK_CHARS = 500;
    /** Most files one operation answer may reference. */
    public static final int MAX_FILES = 10;

    private AnswerValues() {
    }

    /** A value that does not fit its item; the message says what was expected. */
    public static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks {@code value} against the item and returns its canonical JSON text, or null for a null value
     * (a cleared answer).
     *
     * @throws BadValue naming what the item type expects
     */
    public static String canonical(PaperItem item, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode canonical = switch (item.type()) {
            case SINGLE_CHOICE -> {
                if (!value.isTextual()) {
                    throw new BadValue("item " + item.number() + " is single choice: the value must be one option id"
                            + " such as \"A\"");
                }
                requireOption(item, value.asText());
                yield value;
            }
            case MULTIPLE_CHOICE -> {
                if (!value.isArray()) {
                    throw new BadValue("item " + item.number() + " is multiple choice: the value must be an array of"
                            + " option ids such as [\"A\",\"C\"]");
                }
                TreeSet<String> chosen = new TreeSet<>();
                for (JsonNode n : value) {
                    if (!n.isTextual()) {
                        throw new BadValue("item " + item.number() + ": every chosen option must be an id string");
                    }
                    requireOption(item, n.asText());
                    if (!chosen.add(n.asText())) {
                        throw new BadValue("item " + item.number() + ": option " + n.asText() + " is chosen twice");
                    }
                }
                ArrayNode arr = f.arrayNode();
                chosen.forEach(arr::add);
                yield arr;
            }
            case TRUE_FALSE -> {
                if (!value.isBoolean()) {
                    throw new BadValue("item " + item.number() + " is true/false: the value must be true or false");
                }
                yield value;
            }
            case FILL_IN -> {
                if (!value.isArray() || value.size() > item.blanks().size()) {
                    throw new BadValue("item " + item.number() + " is fill-in with " + item.blanks().size()
                            + " blank(s): the value must be an array of at most that many strings");
                }
                ArrayNode arr = f.arrayNode();
                for (JsonNode n : value) {
                    if (!n.isTextual() || n.asText().length() > MAX_BLANK_CHARS) {
                        throw new BadValue("item " + item.number() + ": every blank must be a string of at most "
                                + MAX_BLANK_CHARS + " characters");
                    }
                    arr.add(n.asText());
                }
                yield arr;
            }
            case SHORT_ANSWER, ESSAY -> {
                ObjectNode o = f.objectNode();
                o.put("text", text(item, value, true));
                requireOnly(item, value, Set.of("text"));
                yield o;
            }
            case OPERATION -> {
                ObjectNode o = f.objectNode();
                o.put("text", text(item, value, false));
                requireOnly(item, value, Set.of("text", "files"));
                ArrayNode files = o.putArray("files");
                JsonNode given = value.get("files");
                if (given != null && !given.isNull()) {
                    if (!given.isArray() || given.size() > MAX_FILES) {
                        throw new BadValue("item " + item.number() + ": files must be an array of at most "
                                + MAX_FILES + " file ids");
                    }
                    Set<String> seen = new java.util.HashSet<>();
                    for (JsonNode n : given) {
                        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 64) {
                            throw new BadValue("item " + item.number() + ": every file must be a file id from"
                                    + " /api/candidate/upload");
                        }
                        if (!seen.add(n.asText())) {
                            throw new BadValue("item " + item.number() + ": file " + n.asText() + " is named twice");
                        }
                        files.add(n.asText());
                    }
                }
                yield o;
            }
        };
        return Json.encode(canonical);
    }

    /** The stored canonical value as the scorer's {@link Response}; null for an unanswered item. */
    public static Response response(PaperItem item, String canonicalJson) {
        if (canonicalJson == null) {
            return null;
        }
        JsonNode v = Json.tree(canonicalJson);
        return switch (item.type()) {
            case SINGLE_CHOICE -> new Response.Choices(Set.of(v.asText()));
            case MULTIPLE_CHOICE -> new Response.Choices(strings(v).stream().collect(Collectors.toSet()));
            case TRUE_FALSE -> new Response.TrueFalse(v.asBoolean());
            case FILL_IN -> new Response.Blanks(strings(v));
            case SHORT_ANSWER, ESSAY, OPERATION -> new Response.Text(v.path("text").asText(""),
                    strings(v.path("files")));
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    private static String text(PaperItem item, JsonNode value, boolean required) {
        if (!value.isObject()) {
            throw new BadValue("item " + item.number() + " is " + item.type().name().toLowerCase()
                    + ": the value must be an object {\"text\": \"…\"}");
        }
        JsonNode t = value.get("text");
        if (t == null || t.isNull()) {
            if (required) {
                throw new BadValue("item " + item.number() + ": the value needs a text field");
            }
            return "";
        }
        if (!t.isTextual() || t.asText().length() > MAX_TEXT_CHARS) {
            throw new BadValue("item " + item.number() + ": text must be a string of at most " + MAX_TEXT_CHARS
                    + " characters");
        }
        return t.asText();
    }

    private static void requireOnly(PaperItem item, JsonNode value, Set<String> allowed) {
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new BadValue("item " + item.number() + ": unexpected field " + name);
            }
        }
    }

    private static void requireOption(PaperItem item, String id) {
        for (Choice c : item.options()) {
            if (c.id().equals(id)) {
                return;
            }
        }
        throw new BadValue("item " + item.number() + " has no option " + id);
    }
}
