package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.ExamException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Reading request bodies field by field, so every refusal names the field that was wrong. Used by every
 * handler instead of binding to classes, because a binder's error would name a Java type, not the field.
 */
public final class Body {

    private Body() {
    }

    /** The request body as a JSON object. */
    public static JsonNode object(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        return object(text);
    }

    public static JsonNode object(String text) {
        if (text == null || text.isBlank()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "body", "the request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = Json.tree(text);
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "body", "malformed JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "body", "the body must be a JSON object");
        }
        return node;
    }

    /** A required non-blank string of at most {@code max} characters. */
    public static String text(JsonNode o, String field, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required", "必须填写");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be a non-empty string", "不能为空");
        }
        String s = v.asText().strip();
        if (s.length() > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be at most " + max + " characters",
                    "不能超过 " + max + " 个字符");
        }
        return s;
    }

    /** An optional string; {@code fallback} when absent. */
    public static String optionalText(JsonNode o, String field, int max, String fallback) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? fallback : text(o, field, max);
    }

    /** A required integer within bounds. */
    public static long integer(JsonNode o, String field, long min, long max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required");
        }
        if (!v.isIntegralNumber()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be an integer");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be between " + min + " and " + max
                    + ", was " + n);
        }
        return n;
    }

    /** An optional integer within bounds; {@code fallback} when absent. */
    public static long optionalInteger(JsonNode o, String field, long min, long max, long fallback) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? fallback : integer(o, field, min, max);
    }

    /** The error for a problem in one element of an array field, e.g. {@code events[3].kind}. */
    public static ExamException element(ErrorType type, String array, int index, String field, String message) {
        String where = array + "[" + index + "]" + (field == null ? "" : "." + field);
        return new ExamException(type, where + ": " + message, Map.of("field", where, "index", index));
    }
}
