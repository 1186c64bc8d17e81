package cn.examcore.proctor.i18n;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One localisable sentence: a {@link MessageKey} and its parameters (texts, whole numbers, epoch-ms times, category
 * codes, lists of codes). The page and the reports render it in their language from the catalogue.
 *
 * @param key    what is said
 * @param params the values its placeholders name
 */
public record Message(MessageKey key, Map<String, Object> params) {

    public Message {
        Objects.requireNonNull(key, "key");
        Map<String, Object> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            Objects.requireNonNull(v, () -> "message " + key + " parameter " + k + " is null");
            if (!(v instanceof String || v instanceof Long || v instanceof Integer || v instanceof List<?>)) {
                throw new IllegalArgumentException("message " + key + " parameter " + k + " must be a text, a whole"
                        + " number or a list of texts, got " + v.getClass().getSimpleName());
            }
            copy.put(k, v instanceof List<?> l ? List.copyOf(l.stream().map(Object::toString).toList()) : v);
        });
        params = java.util.Collections.unmodifiableMap(copy);
    }

    /** A message from alternating parameter names and values. */
    public static Message of(MessageKey key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("message " + key + ": parameter names and values must come in pairs");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Message(key, p);
    }
}
