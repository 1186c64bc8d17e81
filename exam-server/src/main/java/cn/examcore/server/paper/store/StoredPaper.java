package cn.examcore.server.paper.store;

/**
 * One attempt's assembled paper as kept on the server.
 *
 * @param attemptId  the attempt
 * @param sittingId  the sitting
 * @param paperJson  the full paper with keys (never leaves the server)
 * @param key        the attempt's AES-256 key (released at T0)
 * @param iv         the GCM nonce of {@code ciphertext}
 * @param ciphertext the candidate view of the paper, encrypted with {@code key}
 */
public record StoredPaper(String attemptId, String sittingId, String paperJson, byte[] key, byte[] iv,
                          byte[] ciphertext) {
}
