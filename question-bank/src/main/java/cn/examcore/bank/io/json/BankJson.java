package cn.examcore.bank.io.json;

import cn.examcore.bank.io.format.ImportLimits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The question-bank module's one JSON configuration: the {@link JsonMapper} for anything the module reads or writes
 * as JSON, and the parser limits the bank reader applies to untrusted uploads.
 *
 * <p>Hostile-input limits ({@link StreamReadConstraints}): strings the reader materialises are capped at
 * {@link ImportLimits#maxTextChars()} (resource content is decoded from base64 as a stream and is bounded by the
 * file size instead); nesting at {@value #MAX_NESTING_DEPTH} levels (the bank schema needs five); numbers at
 * {@value #MAX_NUMBER_CHARS} characters; field names at {@value #MAX_NAME_CHARS}; the whole document at
 * {@link ImportLimits#maxFileBytes()}. Duplicate field names in one object are an error.
 */
public final class BankJson {

    /** The {@code format} value of a native bank file. */
    public static final String FORMAT = "examcore-bank/1";

    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_NUMBER_CHARS = 64;
    static final int MAX_NAME_CHARS = 200;

    private static final JsonMapper MAPPER = JsonMapper.builder(factory(ImportLimits.defaults()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Scores are exact decimals: "2.50" must not come back as 2.5, nor 10.0 as 1E+1.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private BankJson() {
    }

    /**
     * The shared mapper, with the default import limits as its parser constraints. Configuration is final: callers
     * needing other settings take {@code mapper().copy()} rather than changing it.
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** A factory whose parsers refuse input beyond {@code limits} (see the class comment). */
    public static JsonFactory factory(ImportLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxTextChars())
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .maxNameLength(MAX_NAME_CHARS)
                        .maxDocumentLength(limits.maxFileBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
