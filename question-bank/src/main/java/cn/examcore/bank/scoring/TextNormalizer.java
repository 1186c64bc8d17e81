package cn.examcore.bank.scoring;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How typed answers are compared: a candidate at a Chinese input method easily types full-width "ＡＢＣ１２" or an
 * ideographic space where the key says "abc12", and neither should cost points.
 *
 * <p>{@link #normalize} maps the full-width ASCII forms (U+FF01–U+FF5E) to ASCII and the ideographic space
 * (U+3000) to a space, folds case (upper then lower case, so "ß" and "SS" meet), drops zero-width characters,
 * collapses every run of white space to one space and strips both ends. Chinese punctuation that has no ASCII
 * twin (。、「」) is left alone: it is part of the answer.
 *
 * <p>{@link #parseNumber} reads normalised text as a decimal number. Accepted: an optional sign ("+", "-", or the
 * minus sign U+2212), digits with optional thousands separators in groups of three ("1,000.5"), a decimal point
 * with or without digits on one side (".5", "5."), and an optional trailing percent sign that is <em>ignored</em>:
 * "50%" reads as 50, not 0.5, because a blank's unit is part of the question ("缴费比例为____%"), and a
 * candidate who repeats the unit means the same number. Not accepted: exponents, Chinese numerals, separators in
 * the wrong places ("1,00"), anything longer than 64 characters.
 */
public final class TextNormalizer {

    private static final int MAX_NUMBER_CHARS = 64;
    private static final Pattern NUMBER = Pattern.compile(
            "([+-])?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d*)?|\\.\\d+) ?%?");

    private TextNormalizer() {
    }

    /** The comparable form of a typed answer; null reads as empty. */
    public static String normalize(String text) {
        return normalizeKeepingCase(text).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Like {@link #normalize} but without folding case, for answers whose key says case matters. */
    public static String normalizeKeepingCase(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = toHalfWidth(text.charAt(i));
            if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF') {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The number a typed answer states, after {@link #normalize}; empty when it is not a number as documented. */
    public static Optional<BigDecimal> parseNumber(String text) {
        String t = normalize(text).replace('\u2212', '-');
        if (t.isEmpty() || t.length() > MAX_NUMBER_CHARS) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(2).replace(",", "");
        if (digits.endsWith(".")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        BigDecimal value = new BigDecimal(digits);
        return Optional.of("-".equals(m.group(1)) ? value.negate() : value);
    }

    private static char toHalfWidth(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            return (char) (c - 0xFEE0);
        }
        return c == '\u3000' ? ' ' : c;
    }
}
