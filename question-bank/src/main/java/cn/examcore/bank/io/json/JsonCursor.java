package cn.examcore.bank.io.json;

import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reading over a streaming parser, turning every wrong shape into an {@link Issue} at its JSON pointer and
 * skipping the offending value, so one bad field never hides the next. Value methods expect the parser to stand on
 * the value's first token and leave it on the value's last token.
 *
 * <p>Streaming (rather than a tree) keeps memory proportional to what the bank keeps: values the schema does not
 * want are skipped without being built.
 */
final class JsonCursor {

    /** Largest magnitude and finest precision of a number the schema accepts: keeps later arithmetic small. */
    private static final int MAX_DIGITS_EITHER_SIDE = 20;

    @FunctionalInterface
    interface FieldReader {
        /** Reads the value of field {@code name}, which is known, at pointer {@code at}. */
        void read(String name, String at) throws IOException;
    }

    @FunctionalInterface
    interface ElementReader {
        void read(int index, String at) throws IOException;
    }

    @FunctionalInterface
    interface ValueReader<T> {
        T read(String at) throws IOException;
    }

    private final JsonParser parser;
    private final String file;
    private final List<Issue> issues = new ArrayList<>();

    JsonCursor(JsonParser parser, String file) {
        this.parser = parser;
        this.file = file;
    }

    JsonToken next() throws IOException {
        return parser.nextToken();
    }

    JsonToken token() {
        return parser.currentToken();
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    List<Issue> issues() {
        return issues;
    }

    int issueCount() {
        return issues.size();
    }

    /** Whether an issue at {@code at} was reported since the first {@code since} issues. */
    boolean reportedSince(int since, String at) {
        return issues.subList(since, issues.size()).stream().anyMatch(i -> i.location().place().equals(at));
    }

    /** Where the parser stands, as "line L, column C". */
    String position() {
        JsonLocation where = parser.currentLocation();
        return "line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    void error(String at, Rule rule, String message) {
        issues.add(Issue.error(new Location(file, at), rule, message));
    }

    /**
     * Reads an object field by field. Fields outside {@code known} are reported as unknown (a misspelt field would
     * otherwise vanish silently) and skipped. JSON null reads as absent.
     *
     * @return false when the value is null or not an object (the latter reported)
     */
    boolean object(String at, String what, Set<String> known, FieldReader reader) throws IOException {
        if (isNull()) {
            return false;
        }
        if (token() != JsonToken.START_OBJECT) {
            wrongShape(at, what + " (an object)");
            return false;
        }
        while (next() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String fieldAt = at + "/" + escape(name);
            next();
            if (known.contains(name)) {
                reader.read(name, fieldAt);
            } else {
                error(fieldAt, Rule.UNKNOWN_FIELD, "unknown field \"" + name + "\" in " + what + "; its fields are "
                        + String.join(", ", known));
                parser.skipChildren();
            }
        }
        return true;
    }

    /** As {@link #object}, for a list entry, where null is not an object either (and is reported). */
    boolean entry(String at, String what, Set<String> known, FieldReader reader) throws IOException {
        if (isNull()) {
            wrongShape(at, what + " (an object)");
            return false;
        }
        return object(at, what, known, reader);
    }

    /**
     * Reads an array element by element; elements beyond {@code max} are reported once and skipped. JSON null
     * reads as absent.
     *
     * @return false when the value is null or not an array (the latter reported)
     */
    boolean array(String at, String what, int max, ElementReader reader) throws IOException {
        return array(at, what, max, Rule.INVALID_VALUE, reader);
    }

    /** As {@link #array(String, String, int, ElementReader)}, reporting entries beyond {@code max} as {@code overflow}. */
    boolean array(String at, String what, int max, Rule overflow, ElementReader reader) throws IOException {
        if (isNull()) {
            return false;
        }
        if (token() != JsonToken.START_ARRAY) {
            wrongShape(at, what + " (an array)");
            return false;
        }
        int index = 0;
        while (next() != JsonToken.END_ARRAY) {
            if (index == max) {
                error(at + "/" + index, overflow, what + " has more than " + max + " entries");
            }
            if (index >= max) {
                parser.skipChildren();
            } else {
                reader.read(index, at + "/" + index);
            }
            index++;
        }
        return true;
    }

    /** An array of values read by {@code element}; null when absent. Elements that read as null are dropped. */
    <T> List<T> list(String at, String what, int max, ValueReader<T> element) throws IOException {
        List<T> values = new ArrayList<>();
        boolean present = array(at, what, max, (i, elementAt) -> {
            T value = element.read(elementAt);
            if (value != null) {
                values.add(value);
            }
        });
        return present ? values : null;
    }

    /** A string element of an array: null is not a string there. */
    String requiredString(String at) throws IOException {
        if (isNull()) {
            wrongShape(at, "a string");
            return null;
        }
        return string(at);
    }

    String string(String at) throws IOException {
        return switch (token()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            default -> {
                wrongShape(at, "a string");
                yield null;
            }
        };
    }

    Boolean bool(String at) throws IOException {
        return switch (token()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> {
                wrongShape(at, "true or false");
                yield null;
            }
        };
    }

    Integer integer(String at) throws IOException {
        if (isNull()) {
            return null;
        }
        if (token() != JsonToken.VALUE_NUMBER_INT) {
            wrongShape(at, "a whole number");
            return null;
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT) {
            error(at, Rule.INVALID_VALUE, "number " + parser.getText() + " is out of range");
            return null;
        }
        return parser.getIntValue();
    }

    BigDecimal decimal(String at) throws IOException {
        if (isNull()) {
            return null;
        }
        if (token() != JsonToken.VALUE_NUMBER_INT && token() != JsonToken.VALUE_NUMBER_FLOAT) {
            wrongShape(at, "a number");
            return null;
        }
        BigDecimal value = parser.getDecimalValue();
        if (value.scale() > MAX_DIGITS_EITHER_SIDE || value.precision() - value.scale() > MAX_DIGITS_EITHER_SIDE) {
            error(at, Rule.INVALID_VALUE, "number " + parser.getText() + " is out of range (at most "
                    + MAX_DIGITS_EITHER_SIDE + " digits before or after the decimal point)");
            return null;
        }
        return value;
    }

    /** A string parsed by {@code parse}; an unparsable one is reported with the accepted values. */
    <E> E named(String at, String what, Function<String, Optional<E>> parse, String accepted) throws IOException {
        String text = string(at);
        if (text == null) {
            return null;
        }
        Optional<E> value = parse.apply(text);
        if (value.isEmpty()) {
            error(at, Rule.INVALID_VALUE, "unknown " + what + " \"" + shorten(text) + "\"; use one of " + accepted);
        }
        return value.orElse(null);
    }

    /** Resource content, decoded while reading so that it never sits in memory as a (large) string. */
    byte[] base64(String at) throws IOException {
        if (isNull()) {
            return null;
        }
        if (token() != JsonToken.VALUE_STRING) {
            wrongShape(at, "base64 text");
            return null;
        }
        return parser.getBinaryValue();
    }

    /** Reports the current value as having the wrong shape and skips it. */
    void wrongShape(String at, String expected) throws IOException {
        error(at, Rule.INVALID_VALUE, "expected " + expected + ", found " + describeCurrent());
        parser.skipChildren();
    }

    String describeCurrent() throws IOException {
        return switch (token()) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + shorten(parser.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
            case VALUE_TRUE, VALUE_FALSE -> parser.getText();
            case VALUE_NULL -> "null";
            default -> String.valueOf(token());
        };
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** JSON pointer escaping of one reference token (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
