package cn.examcore.contract;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the facts of one seat event's detail from its JSON object, one typed getter per field, and refuses a field
 * that is missing, of the wrong type or unknown to the kind, naming it ({@code detail.until}). The detail records'
 * {@code read} factories are its only users.
 */
final class DetailFacts {

    private final SeatEvent.Kind kind;
    private final Map<String, ?> json;
    private final Set<String> read = new HashSet<>();

    DetailFacts(SeatEvent.Kind kind, Map<String, ?> json) {
        this.kind = kind;
        this.json = json;
    }

    /** The fields not read so far, as sent, in their order: the reporter's own facts beside the known ones. */
    Map<String, Object> rest() {
        Map<String, Object> rest = new LinkedHashMap<>();
        json.forEach((k, v) -> {
            if (!read.contains(k)) {
                rest.put(k, v);
            }
        });
        read.addAll(json.keySet());
        return rest;
    }

    String text(String field) {
        String s = optionalText(field);
        if (s == null) {
            throw refused(field, "is missing");
        }
        return s;
    }

    String optionalText(String field) {
        Object v = value(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw refused(field, "must be a non-blank string, got " + shown(v));
        }
        return s;
    }

    long number(String field) {
        Object v = value(field);
        if (v == null) {
            throw refused(field, "is missing");
        }
        try {
            if (v instanceof Number n) {
                return new BigDecimal(n.toString()).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below, as any other value that is not a whole number
        }
        throw refused(field, "must be a whole number, got " + shown(v));
    }

    boolean bool(String field) {
        Object v = value(field);
        if (!(v instanceof Boolean b)) {
            throw refused(field, v == null ? "is missing" : "must be true or false, got " + shown(v));
        }
        return b;
    }

    MisconductCode code(String field) {
        MisconductCode c = optionalCode(field);
        if (c == null) {
            throw refused(field, "is missing");
        }
        return c;
    }

    MisconductCode optionalCode(String field) {
        String s = optionalText(field);
        if (s == null) {
            return null;
        }
        return MisconductCode.parse(s).orElseThrow(() -> refused(field,
                "must be a misconduct category code (A1..A4, B1..B5, C1..C7), got '" + s + "'"));
    }

    /** Refuses the fields nobody read: a detail carries exactly the facts of its kind. */
    void requireAllRead() {
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw refused(first, "is not one of its facts (it has " + known() + ")");
        }
    }

    private String known() {
        return read.isEmpty() ? "none" : String.join(", ", new TreeSet<>(read));
    }

    private Object value(String field) {
        read.add(field);
        return json.get(field);
    }

    private IllegalArgumentException refused(String field, String problem) {
        return new IllegalArgumentException("detail." + field + " of a " + kind + " event " + problem);
    }

    private static String shown(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
