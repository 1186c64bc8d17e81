package cn.examcore.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one owned {@link ObjectMapper} of both deployables, so that exam-server writes and the console reads the
 * contract records with the same rules. Records map to JSON by their component names; nothing on the domain types is
 * annotated.
 *
 * <ul>
 *   <li>Unknown properties are skipped, so exam-server may add a field to a record before every console is
 *       upgraded.</li>
 *   <li>Decimals read as {@code BigDecimal}, so an answer value or a score reads back exactly as written; and they
 *       are written plain, because scores are stored with trailing zeros stripped and 100 would otherwise be
 *       written as 1E+2.</li>
 *   <li>{@code java.time} values are ISO-8601 text, not timestamps.</li>
 * </ul>
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {
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

    /**
     * JSON of a record, map or tree as UTF-8 bytes, written straight by the generator: what an HTTP reply sends, without
     * the text and its re-encoding in between.
     */
    public static byte[] encodeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
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
