package cn.examcore.server.attempt.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * 答卷摘要: the digest both the page and the server compute over an answer vector, so a submission proves the
 * two sides hold the same revisions: lowercase hex SHA-256 of "number:rev;" for every answered item in number
 * order (cleared items are not answered).
 */
public final class Digest {

    private Digest() {
    }

    /** The text the digest is taken of, e.g. {@code 1:3;2:1;7:2;}. */
    public static String canonical(Collection<Answer> answers) {
        StringBuilder sb = new StringBuilder();
        answers.stream()
                .filter(Answer::answered)
                .sorted(Comparator.comparingInt(Answer::item))
                .forEach(a -> sb.append(a.item()).append(':').append(a.rev()).append(';'));
        return sb.toString();
    }

    public static String of(Collection<Answer> answers) {
        return sha256Hex(canonical(answers));
    }

    /**
     * The text the values digest is taken of: {@code number:rev:sha256(value);} for every answered item in number
     * order, the value being the canonical JSON text the attempt stores. Hashing each value keeps the text
     * unambiguous whatever a value holds, and lets a verifier in any language rebuild it from an answer export.
     */
    public static String valuesCanonical(Collection<Answer> answers) {
        StringBuilder sb = new StringBuilder();
        answers.stream()
                .filter(Answer::answered)
                .sorted(Comparator.comparingInt(Answer::item))
                .forEach(a -> sb.append(a.item()).append(':').append(a.rev()).append(':')
                        .append(sha256Hex(a.value())).append(';'));
        return sb.toString();
    }

    /** SHA-256 (lowercase hex) of {@link #valuesCanonical}: what a signed receipt binds. */
    public static String ofValues(Collection<Answer> answers) {
        return sha256Hex(valuesCanonical(answers));
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
