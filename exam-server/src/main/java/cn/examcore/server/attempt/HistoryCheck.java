package cn.examcore.server.attempt;

import cn.examcore.contract.Receipt;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.AnswerHistory.Link;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command-line check of an exported answer history ({@link AnswerHistoryExport}), for whoever settles a dispute
 * without a running node: {@code verify-history <history.json> [receipt.json]} recomputes the chain from the
 * attempt's genesis and names the first entry that breaks it (a changed, removed, inserted or reordered entry); with
 * a receipt, it also checks that the answers the history replays to are the ones the receipt binds (its
 * {@code valuesDigest}; the receipt's own signature is {@code verify-receipt}'s). Exit 0 verified, 1 not, 2 a usage
 * or file problem.
 */
public final class HistoryCheck {

    private HistoryCheck() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3 || !"verify-history".equals(args[0])) {
            err.println("usage: verify-history <history.json> [receipt.json]");
            return 2;
        }
        try {
            AnswerHistoryExport export = read(Path.of(args[1]), AnswerHistoryExport.class, "an answer history export");
            if (!AnswerHistoryExport.FORMAT.equals(export.format()) || export.attemptId() == null
                    || export.head() == null || export.entries() == null) {
                throw new IllegalArgumentException(args[1] + " is not an answer history export (format "
                        + AnswerHistoryExport.FORMAT + " with attemptId, head and entries)");
            }
            List<Link> links = export.links();
            AnswerHistory.Verdict verdict = AnswerHistory.verify(export.attemptId(), links, export.head().hash());
            if (!verdict.valid()) {
                out.println("BROKEN at entry " + verdict.brokenAt() + ": " + verdict.reason() + " (attempt "
                        + export.attemptId() + ")");
                return 1;
            }
            if (export.head().seq() != links.size()) {
                out.println("BROKEN at entry " + (links.size() + 1) + ": the head is entry " + export.head().seq()
                        + " but the file holds " + links.size() + " entries (attempt " + export.attemptId() + ")");
                return 1;
            }
            String replayed = AnswerHistory.valuesDigest(AnswerHistory.replay(links.stream().map(Link::entry)
                    .toList()));
            if (args.length == 3) {
                Receipt receipt = read(Path.of(args[2]), Receipt.class, "a receipt");
                if (!export.attemptId().equals(receipt.attemptId())) {
                    out.println("MISMATCH: the receipt is for attempt " + receipt.attemptId() + ", the history for "
                            + export.attemptId());
                    return 1;
                }
                if (!replayed.equals(receipt.valuesDigest())) {
                    out.println("MISMATCH: the history's " + links.size() + " entries replay to answers with values"
                            + " digest " + replayed + ", the receipt binds " + receipt.valuesDigest() + " (attempt "
                            + export.attemptId() + ")");
                    return 1;
                }
            }
            out.println("VERIFIED: " + links.size() + " entries chain from the genesis of attempt "
                    + export.attemptId() + " to head " + export.head().hash()
                    + (args.length == 3 ? "; they replay to the answers the receipt binds" : ""));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static <T> T read(Path file, Class<T> type, String what) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Json.decode(text, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not " + what + " (JSON as the server gave it): "
                    + e.getMessage(), e);
        }
    }
}
