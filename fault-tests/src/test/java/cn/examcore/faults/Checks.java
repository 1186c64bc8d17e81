package cn.examcore.faults;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.scoring.ItemScore;
import cn.examcore.bank.scoring.Scorer;
import cn.examcore.contract.Receipt;
import cn.examcore.server.attempt.AnswerValues;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import cn.examcore.server.attempt.domain.ReceiptSigner;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The checker's rules that need no site: a stored result against a scoring of the stored answers, and a signed
 * receipt against the stored attempt. Each returns what is wrong, in words, or nothing.
 */
final class Checks {

    private Checks() {
    }

    /**
     * The stored objective score and maximum of {@code attemptId} against its paper scored again, item by item with
     * the rules the server scores by, from the answers the database holds; null when they agree.
     */
    static String rescoreMismatch(String attemptId, Paper paper, Map<Integer, FaultRun.Stored> stored,
                                  BigDecimal objective, BigDecimal max) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal most = BigDecimal.ZERO;
        for (Iterator<PaperItem> it = paper.items().iterator(); it.hasNext(); ) {
            PaperItem item = it.next();
            FaultRun.Stored answer = stored.get(item.number());
            ItemScore s = Scorer.score(item, AnswerValues.response(item, answer == null ? null : value(answer)));
            total = total.add(s.points());
            most = most.add(s.max());
        }
        if (total.compareTo(objective) == 0 && most.compareTo(max) == 0) {
            return null;
        }
        return "result of " + attemptId + " is " + plain(objective) + "/" + plain(max) + ", its stored answers score "
                + plain(total) + "/" + plain(most);
    }

    private static String plain(BigDecimal score) {
        return score.stripTrailingZeros().toPlainString();
    }

    /**
     * A receipt a seat received, as the server sent it, against the attempt stored: signed by a key one of the
     * site's nodes published, for this attempt and its stored freeze, binding the values the database holds.
     */
    static List<String> receiptProblems(Receipt receipt, String attemptId, long storedSubmittedAt,
                                        Map<Integer, FaultRun.Stored> stored, ReceiptSigner verifier) {
        List<String> out = new ArrayList<>();
        ReceiptSigner.Verdict verdict = verifier.verify(receipt);
        if (verdict != ReceiptSigner.Verdict.VALID) {
            out.add("receipt of " + attemptId + " does not verify: " + verdict + " (" + verdict.meaning() + ", key "
                    + receipt.keyId() + ")");
        }
        if (!attemptId.equals(receipt.attemptId())) {
            out.add("receipt held by " + attemptId + " names attempt " + receipt.attemptId());
        }
        if (receipt.submittedAt() != storedSubmittedAt) {
            out.add("receipt of " + attemptId + " names the freeze at " + receipt.submittedAt() + ", the stored one is"
                    + " at " + storedSubmittedAt);
        }
        String values = Digest.ofValues(answers(stored));
        if (!values.equals(receipt.valuesDigest())) {
            out.add("receipt of " + attemptId + " binds values " + receipt.valuesDigest() + ", the stored answers give "
                    + values);
        }
        return out;
    }

    /** The stored rows as the server's answers (the time of each save plays no part in a digest). */
    static List<Answer> answers(Map<Integer, FaultRun.Stored> stored) {
        List<Answer> out = new ArrayList<>(stored.size());
        stored.forEach((item, s) -> out.add(new Answer(item, value(s), s.rev(), 0)));
        return out;
    }

    /** A stored value, null for a cleared answer (a row the server may keep as SQL NULL or as JSON null). */
    static String value(FaultRun.Stored s) {
        return "null".equals(s.value()) ? null : s.value();
    }
}
