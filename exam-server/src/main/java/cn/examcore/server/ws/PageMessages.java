package cn.examcore.server.ws;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.PageMessage;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.ExamException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a seat socket's text frames into {@link PageMessage}s (docs/candidate-protocol.md §4), the one place their
 * shape is checked: a frame that is not a JSON object, an unknown {@code type} or a field of the wrong shape is
 * refused with the {@code error} code and {@code details.field} the protocol promises, and an error about an answer
 * carries its {@code item} and {@code rev} whenever the frame held them. What depends on the paper (an item it has,
 * a value that fits the item) is the attempt slice's to check.
 */
final class PageMessages {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_DETAIL_CHARS = 2_000;
    private static final int MAX_ID_CHARS = 64;
    /** The largest revision a page's JavaScript number holds exactly ({@code Number.MAX_SAFE_INTEGER}). */
    static final long MAX_REV = (1L << 53) - 1;

    private PageMessages() {
    }

    /**
     * A frame whose envelope was read: a JSON object with a string {@code type}.
     *
     * @param type the message type, not yet known to be one the protocol has
     * @param body the whole object
     */
    record Frame(String type, JsonNode body) {
    }

    /**
     * Reads the envelope of a frame.
     *
     * @throws ExamException {@code MESSAGE_TOO_LARGE} above {@code maxBytes}; {@code BAD_MESSAGE} for a frame that
     *                       is not a JSON object (no field named) or has no string {@code type} ({@code type})
     */
    static Frame frame(String text, int maxBytes) {
        if (text.length() > maxBytes / 4 && text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ExamException(ErrorType.MESSAGE_TOO_LARGE, "a message may be at most " + maxBytes + " bytes");
        }
        JsonNode m;
        try {
            m = Json.tree(text);
        } catch (IllegalArgumentException e) {
            throw new ExamException(ErrorType.BAD_MESSAGE, "malformed JSON: " + e.getMessage());
        }
        if (m == null || !m.isObject()) {
            throw new ExamException(ErrorType.BAD_MESSAGE, "a message must be a JSON object");
        }
        JsonNode type = m.get("type");
        if (type == null || !type.isTextual()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "type", "type is required");
        }
        return new Frame(type.asText(), m);
    }

    /**
     * The message a frame holds.
     *
     * @param refusedEntry told of each entry of a {@code hello} vector that is refused on its own (the rest of the
     *                     vector is still merged)
     * @throws ExamException {@code BAD_MESSAGE} (or {@code UNKNOWN_ITEM} for an item number no paper has) naming
     *                       the field
     */
    static PageMessage read(Frame frame, Consumer<ExamException> refusedEntry) {
        JsonNode m = frame.body();
        return switch (frame.type()) {
            case "hello" -> hello(m, refusedEntry);
            case "save" -> save(m);
            case "ping" -> new PageMessage.Ping(m.hasNonNull("clientTime") ? Json.encode(m.get("clientTime")) : null);
            case "event" -> event(m);
            case "ack-reminder" -> ackReminder(m);
            case "ack-announcement" -> new PageMessage.AckAnnouncement(id(m, "announcementId"));
            case "ack-rules" -> new PageMessage.AckRules(id(m, "version"));
            case "submit" -> submit(m);
            case "drained" -> new PageMessage.Drained();
            default -> throw ExamException.field(ErrorType.BAD_MESSAGE, "type", "unknown message type "
                    + frame.type());
        };
    }

    private static PageMessage.Hello hello(JsonNode m, Consumer<ExamException> refusedEntry) {
        // A journal entry the server cannot take must not keep the page from reconnecting: it is refused on its own.
        JsonNode arr = array(m, "answers");
        List<PageMessage.AnswerEntry> entries = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            try {
                entries.add(entry(arr.get(i), "answers", i));
            } catch (ExamException e) {
                refusedEntry.accept(e);
            }
        }
        return new PageMessage.Hello(entries);
    }

    private static PageMessage.Save save(JsonNode m) {
        PageMessage.AnswerEntry e = answer(m, null);
        return new PageMessage.Save(e.item(), e.value(), e.rev());
    }

    private static PageMessage.Event event(JsonNode m) {
        JsonNode kind = m.get("kind");
        String name = kind == null ? "" : kind.asText();
        SeatEvent.Kind k = SeatEvent.Kind.reportedBy(SeatEvent.Source.BROWSER, name).orElseThrow(() ->
                ExamException.field(ErrorType.BAD_MESSAGE, "kind", "unknown event kind "
                        + (kind == null ? "(missing)" : name)));
        long clientTime = m.path("clientTime").isIntegralNumber() ? m.get("clientTime").asLong() : 0;
        return new PageMessage.Event(k, detail(m.get("detail")), clientTime);
    }

    /** The page's detail: an object as it is, any other value as {@code {value: …}}. */
    private static EventDetail.Reported detail(JsonNode d) {
        if (d == null || d.isNull()) {
            return new EventDetail.Reported(Map.of());
        }
        String text = Json.encode(d);
        if (text.length() > MAX_DETAIL_CHARS) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "detail", "detail may be at most " + MAX_DETAIL_CHARS
                    + " characters of JSON");
        }
        if (d.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = Json.mapper().convertValue(d, LinkedHashMap.class);
            return new EventDetail.Reported(map);
        }
        return new EventDetail.Reported(Map.of("value", d.isTextual() ? d.asText() : text));
    }

    /** A required short identifier field ({@code announcementId}, {@code version}). */
    private static String id(JsonNode m, String field) {
        JsonNode id = m.get(field);
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_CHARS) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, field, field + " must be a non-empty string of at most "
                    + MAX_ID_CHARS + " characters");
        }
        return id.asText();
    }

    private static PageMessage.AckReminder ackReminder(JsonNode m) {
        JsonNode id = m.get("reminderId");
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_CHARS) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "reminderId",
                    "reminderId must be the reminderId of a reminder message");
        }
        return new PageMessage.AckReminder(id.asText());
    }

    private static PageMessage.Submit submit(JsonNode m) {
        // All or nothing: the first entry that cannot be taken refuses the whole submit.
        JsonNode arr = array(m, "answers");
        List<PageMessage.AnswerEntry> entries = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            entries.add(entry(arr.get(i), "answers", i));
        }
        JsonNode digest = m.get("digest");
        if (digest == null || !digest.isTextual() || !DIGEST.matcher(digest.asText()).matches()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, "digest",
                    "digest must be the 64-character hex SHA-256 of the answer vector");
        }
        return new PageMessage.Submit(entries, digest.asText());
    }

    /** An array field that may be absent or null (empty). */
    private static JsonNode array(JsonNode m, String field) {
        JsonNode arr = m.get(field);
        if (arr == null || arr.isNull()) {
            return Json.mapper().createArrayNode();
        }
        if (!arr.isArray()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, field, field + " must be an array of {item, value, rev}");
        }
        return arr;
    }

    private static PageMessage.AnswerEntry entry(JsonNode a, String field, int i) {
        if (!a.isObject()) {
            throw new ExamException(ErrorType.BAD_MESSAGE, field + "[" + i + "] must be an object",
                    Map.of("field", field + "[" + i + "]", "index", i));
        }
        return answer(a, field + "[" + i + "]");
    }

    /** One {item, value, rev}; {@code where} prefixes field names inside a vector. */
    private static PageMessage.AnswerEntry answer(JsonNode m, String where) {
        String prefix = where == null ? "" : where + ".";
        JsonNode item = m.get("item");
        if (item == null || !item.isIntegralNumber()) {
            throw ExamException.field(ErrorType.BAD_MESSAGE, prefix + "item", "item must be an item number");
        }
        JsonNode rev = m.get("rev");
        if (rev == null || !rev.isIntegralNumber() || !rev.canConvertToLong() || rev.asLong() < 0
                || rev.asLong() > MAX_REV) {
            // Above 2^53 - 1 a page's JavaScript number can no longer count by one, and beyond a long the value
            // would wrap to a small or negative revision: refused, never stored as something else.
            throw ExamException.field(ErrorType.BAD_MESSAGE, prefix + "rev", "rev must be an integer from 0 to "
                    + MAX_REV + " (2^53 - 1), was " + shorten(rev.asText()));
        }
        if (!m.has("value")) {
            throw new ExamException(ErrorType.BAD_MESSAGE, "value is required (null clears the answer)",
                    Map.of("field", prefix + "value", "item", item.asLong(), "rev", rev.asLong()));
        }
        if (!item.canConvertToInt()) {
            throw new ExamException(ErrorType.UNKNOWN_ITEM, "the paper has no item " + item.asText(),
                    Map.of("field", prefix + "item", "item", item.asLong(), "rev", rev.asLong()));
        }
        return new PageMessage.AnswerEntry(item.asInt(), Json.encode(m.get("value")), rev.asLong());
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
