package cn.examcore.server.attempt.domain;

import cn.examcore.contract.Receipt;
import java.util.Locale;

/** How a frozen attempt's 交卷回执 is made: built from the attempt alone, then signed by the node's key. */
public final class Receipts {

    private final ReceiptSigner signer;

    public Receipts(ReceiptSigner signer) {
        this.signer = signer;
    }

    public ReceiptSigner signer() {
        return signer;
    }

    /**
     * The signed receipt of a frozen attempt; {@code pageDigest} is null when the page sent none (a deadline or a
     * proctor froze the attempt, or the receipt is rebuilt for a later hello), and the receipt then makes no claim
     * about the page. Rebuilding it later gives the same fields and, with the same key, the same signature.
     */
    public Receipt of(Attempt attempt, String pageDigest) {
        return signer.sign(unsigned(attempt, pageDigest));
    }

    /** The receipt's fields before signing. */
    public static Receipt unsigned(Attempt attempt, String pageDigest) {
        String digest = attempt.digest();
        int answered = (int) attempt.answers().values().stream().filter(Answer::answered).count();
        String hash = Digest.sha256Hex(attempt.id() + "|" + attempt.submittedAt() + "|" + digest);
        String code = (hash.substring(0, 4) + "-" + hash.substring(4, 8) + "-" + hash.substring(8, 12))
                .toUpperCase(Locale.ROOT);
        return new Receipt(attempt.id(), attempt.submittedAt(), answered, digest,
                pageDigest == null ? null : pageDigest.equalsIgnoreCase(digest), code, attempt.ticket(),
                Digest.ofValues(attempt.answers().values()), null, null);
    }
}
