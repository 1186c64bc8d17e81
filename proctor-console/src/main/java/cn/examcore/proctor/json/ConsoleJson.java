package cn.examcore.proctor.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The console's one {@link ObjectMapper}: the contract records (seat events, audit records, progress, staff
 * identity) exam-server sends, the stored events and objective answers it reads, and the console's own messages to
 * its pages. Records map by their component names. Unknown properties are skipped so that exam-server may add a
 * field to a record before every console is upgraded; decimals stay {@code BigDecimal} so that an answer value
 * reads back exactly as the server canonicalised it.
 */
public final class ConsoleJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ConsoleJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** JSON text of a record, map or tree. */
    public static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** A record from JSON text; {@link IllegalArgumentException} naming the type when it does not fit. */
    public static <T> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A tree from JSON text; {@link IllegalArgumentException} with the parser's message when malformed. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
