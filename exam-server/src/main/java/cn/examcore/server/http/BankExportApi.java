package cn.examcore.server.http;

import cn.examcore.bank.io.qti.QtiPackageWriter;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.paper.BankLibrary;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * 题库导出: {@code GET /api/admin/banks/:bankId/qti?version=2.1|3.0} (admin role), a stored bank as a QTI content
 * package that other item-authoring tools read (question-bank/docs/qti.md, "QTI export"). Items QTI cannot carry
 * unchanged (operation tasks …) are left out, counted in {@code X-Not-Exported-Count}, named in the
 * {@code X-Not-Exported} header (the first {@value #MAX_LISTED}) and each with its reason in the audit record,
 * never dropped silently.
 */
final class BankExportApi {

    /** File names keep to characters every browser and zip tool accepts; a bank id may hold others. */
    private static final Pattern UNSAFE_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    /** Most item ids named in the X-Not-Exported header. */
    static final int MAX_LISTED = 100;

    private final BankLibrary banks;
    private final AuditLog audit;
    private final RateLimits limits;

    BankExportApi(BankLibrary banks, AuditLog audit, RateLimits limits) {
        this.banks = banks;
        this.audit = audit;
        this.limits = limits;
    }

    void exportQti(RoutingContext ctx) {
        String by = StaffAuth.claims(ctx).username();
        String versionText = ctx.request().getParam("version", "2.1");
        QtiPackageWriter.Version version = QtiPackageWriter.Version.parse(versionText).orElseThrow(
                () -> ExamException.field(ErrorType.BAD_REQUEST, "version", "version must be 2.1 or 3.0"));
        // Checked after the cheap input checks so that a typo does not cost a try.
        if (!limits.banks().tryAcquire("banks:" + by)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many bank exports; try again in a few seconds",
                    Map.of("retryAfterSeconds", 3));
        }
        String bankId = ctx.pathParam("bankId");
        banks.exportQti(bankId, version).compose(exported -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", version.label());
            details.put("items", exported.export().items());
            details.put("notExported", exported.export().skipped().stream()
                    .map(s -> Map.of("itemId", s.itemId(), "reason", s.reason())).toList());
            return audit.record(by, "bank.export", null, bankId, details).map(exported);
        }).onSuccess(exported -> {
            String file = UNSAFE_FILE_NAME.matcher(exported.bank().id()).replaceAll("_") + "-qti"
                    + version.label().replace(".", "") + ".zip";
            // Item ids percent-encoded (UTF-8): a header is Latin-1 and an id may be Chinese. An operation bank
            // leaves out every item, so the list is cut where clients' header limits would start to bite; the
            // count and the audit record still say all.
            var skipped = exported.export().skipped();
            String notExported = skipped.stream().limit(MAX_LISTED)
                    .map(s -> URLEncoder.encode(s.itemId(), StandardCharsets.UTF_8).replace("+", "%20"))
                    .collect(Collectors.joining(","));
            ctx.response()
                    .putHeader("Content-Type", "application/zip")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .putHeader("X-Exported-Items", Integer.toString(exported.export().items()))
                    .putHeader("X-Not-Exported", notExported)
                    .putHeader("X-Not-Exported-Count", Integer.toString(skipped.size()))
                    .end(Buffer.buffer(exported.content()));
        }).onFailure(ctx::fail);
    }
}
