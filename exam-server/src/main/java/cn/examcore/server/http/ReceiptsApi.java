package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.Receipt;
import cn.examcore.server.attempt.ReceiptKeys;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.attempt.domain.ReceiptSigner;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.common.ExamException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Signed 交卷回执 for disputes: the public keys ({@code GET /api/public/receipt-keys}), a check anyone can run
 * ({@code POST /api/public/receipts/verify}) and an administrator's export of an attempt's receipt rebuilt from the
 * stored attempt ({@code GET /api/admin/attempts/:attemptId/receipt}). The public calls spend from the caller's
 * address budget.
 */
final class ReceiptsApi {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final SubmissionService submissions;
    private final Throttles throttles;
    private final ClientAddress clients;

    ReceiptsApi(SubmissionService submissions, Throttles throttles, ClientAddress clients) {
        this.submissions = submissions;
        this.throttles = throttles;
        this.clients = clients;
    }

    /** {@code GET /api/public/receipt-keys}: every key this node verifies with, and the one it signs with now. */
    void keys(RoutingContext ctx) {
        ReceiptSigner signer = submissions.receipts().signer();
        spend(ctx).onSuccess(v -> Replies.ok(ctx, new KeysView(signer.activeKeyId(), signer.publicKeys().entrySet()
                .stream().map(e -> new KeyView(e.getKey(), "Ed25519", ReceiptKeys.publicPem(e.getValue())))
                .toList()))).onFailure(ctx::fail);
    }

    /**
     * {@code POST /api/public/receipts/verify} with a receipt as the page or the export gave it: 200 with the verdict
     * (valid or why not). Only the signature is checked: it says the server issued these fields, whoever holds them.
     */
    void verify(RoutingContext ctx) {
        Receipt receipt = receipt(Body.object(ctx));
        spend(ctx).onSuccess(v -> {
            ReceiptSigner.Verdict verdict = submissions.receipts().signer().verify(receipt);
            Replies.ok(ctx, new VerdictView(verdict == ReceiptSigner.Verdict.VALID, verdict.name(), verdict.meaning(),
                    receipt.keyId()));
        }).onFailure(ctx::fail);
    }

    /** {@code GET /api/admin/attempts/:attemptId/receipt}: the signed receipt of a submitted attempt. */
    void adminReceipt(RoutingContext ctx) {
        submissions.receiptOf(ctx.pathParam("attemptId")).onSuccess(r -> Replies.ok(ctx, r)).onFailure(ctx::fail);
    }

    private Future<Void> spend(RoutingContext ctx) {
        return throttles.spend(new Throttles.Key(Throttles.Kind.RECEIPT_ADDRESS, clients.of(ctx))).compose(ok -> ok
                ? Future.succeededFuture()
                : Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED,
                        "too many receipt checks from this address; try again in a few seconds")));
    }

    /** The receipt in the body, every signed field present and well-formed, or a 400 naming the field. */
    static Receipt receipt(JsonNode b) {
        String attemptId = Body.text(b, "attemptId", 80);
        long submittedAt = Body.integer(b, "submittedAt", 0, Long.MAX_VALUE);
        int answered = (int) Body.integer(b, "answered", 0, 100_000);
        String digest = hex(b, "digest");
        String code = Body.text(b, "code", 32);
        String ticket = Body.text(b, "ticket", 64);
        String valuesDigest = hex(b, "valuesDigest");
        String keyId = Body.text(b, "keyId", 64);
        String signature = Body.text(b, "signature", 200);
        return new Receipt(attemptId, submittedAt, answered, digest, null, code, ticket, valuesDigest, keyId,
                signature);
    }

    private static String hex(JsonNode b, String field) {
        String v = Body.text(b, field, 64);
        if (!HEX64.matcher(v).matches()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be 64 lowercase hex digits");
        }
        return v;
    }

    record KeyView(String keyId, String algorithm, String publicKey) {
    }

    record KeysView(String active, List<KeyView> keys) {
    }

    record VerdictView(boolean valid, String verdict, String meaning, String keyId) {
    }
}
