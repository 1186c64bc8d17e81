package cn.examcore.server.http;

import cn.examcore.bank.errata.Erratum;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.errata.ErrataService;
import cn.examcore.server.errata.domain.ErratumKeys;
import cn.examcore.server.errata.domain.Rescored;
import cn.examcore.server.errata.domain.StoredErratum;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The errata API (勘误) under {@code /api/admin/sittings/:id/errata}, for administrators: apply an erratum to a
 * finished sitting, list the sitting's errata. The body of an erratum:
 * <pre>{"itemId": "HR4-T-0007", "kind": "KEY", "key": {"options": ["B"]}, "reason": "…"}</pre>
 * with {@code key} as {@code {"options": [bank option ids]}}, {@code {"trueFalse": true}} or
 * {@code {"blanks": [["16", "十六"], …]}} by item type, and no key for {@code "kind": "VOID"}.
 */
final class ErrataApi {

    /** Most options, blanks or accepted answers a key may list. */
    private static final int MAX_LIST = 50;
    /** Longest accepted answer of a blank. */
    private static final int MAX_ANSWER = 500;

    private final ErrataService errata;
    private final RateLimits limits;

    ErrataApi(ErrataService errata, RateLimits limits) {
        this.errata = errata;
        this.limits = limits;
    }

    void apply(RoutingContext ctx) {
        String by = StaffAuth.claims(ctx).username();
        if (!limits.results().tryAcquire("results:" + by)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many results changes; try again in a moment");
        }
        JsonNode b = Body.object(ctx);
        Erratum erratum = erratum(b);
        String reason = Body.text(b, "reason", 2000);
        errata.apply(ctx.pathParam("id"), erratum, reason, by).onSuccess(applied -> {
            Map<String, Object> m = view(applied.erratum());
            List<Rescored> rescored = applied.rescored();
            m.put("rescored", rescored.size());
            m.put("changed", rescored.stream().filter(Rescored::changed).count());
            m.put("nowPassing", rescored.stream().filter(Rescored::nowPassing).map(r -> r.after().ticket()).toList());
            m.put("nowFailing", rescored.stream().filter(Rescored::nowFailing).map(r -> r.after().ticket()).toList());
            m.put("revokedCertificates", applied.revokedCertificates());
            m.put("attempts", rescored.stream().map(ErrataService::beforeAfter).toList());
            Replies.json(ctx, 201, m);
        }).onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        errata.errata(ctx.pathParam("id")).onSuccess(list -> Replies.ok(ctx, list.stream().map(ErrataApi::view)
                .toList())).onFailure(ctx::fail);
    }

    private static Map<String, Object> view(StoredErratum e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("erratumId", e.id());
        m.put("seq", e.seq());
        m.put("itemId", e.erratum().itemId());
        m.put("kind", e.erratum().kind().name());
        m.put("key", ErratumKeys.key(e.erratum()));
        m.put("reason", e.reason());
        m.put("by", e.by());
        m.put("at", e.at());
        return m;
    }

    /** Reads the erratum, refusing a malformed one naming its field; whether it fits the item is the service's. */
    static Erratum erratum(JsonNode b) {
        String itemId = Body.text(b, "itemId", 200);
        String kindText = Body.text(b, "kind", 10);
        Erratum.Kind kind;
        try {
            kind = Erratum.Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "kind", "kind must be KEY (a corrected key) or VOID "
                    + "(the item is credited to everyone)");
        }
        JsonNode key = b.get("key");
        if (kind == Erratum.Kind.VOID) {
            if (key != null && !key.isNull()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "key", "a voided item takes no key");
            }
            return Erratum.voided(itemId);
        }
        if (key == null || !key.isObject() || key.isEmpty()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "key", "a corrected key is an object with options, "
                    + "trueFalse or blanks");
        }
        Set<String> options = new LinkedHashSet<>();
        JsonNode o = key.get("options");
        if (o != null && !o.isNull()) {
            if (!o.isArray() || o.size() > MAX_LIST) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "key.options", "key.options must be an array of "
                        + "option ids");
            }
            for (int i = 0; i < o.size(); i++) {
                if (!o.get(i).isTextual() || o.get(i).asText().isBlank() || !options.add(o.get(i).asText().strip())) {
                    throw ExamException.field(ErrorType.BAD_REQUEST, "key.options[" + i + "]", "key.options[" + i
                            + "] must be an option id, each named once");
                }
            }
        }
        Boolean trueFalse = null;
        JsonNode tf = key.get("trueFalse");
        if (tf != null && !tf.isNull()) {
            if (!tf.isBoolean()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "key.trueFalse", "key.trueFalse must be true or "
                        + "false");
            }
            trueFalse = tf.asBoolean();
        }
        List<List<String>> blanks = new ArrayList<>();
        JsonNode bl = key.get("blanks");
        if (bl != null && !bl.isNull()) {
            if (!bl.isArray() || bl.size() > MAX_LIST) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "key.blanks", "key.blanks must be an array with "
                        + "one array of accepted answers per blank");
            }
            for (int i = 0; i < bl.size(); i++) {
                JsonNode accepted = bl.get(i);
                if (!accepted.isArray() || accepted.size() > MAX_LIST) {
                    throw ExamException.field(ErrorType.BAD_REQUEST, "key.blanks[" + i + "]", "key.blanks[" + i
                            + "] must be an array of accepted answers");
                }
                List<String> answers = new ArrayList<>();
                for (JsonNode a : accepted) {
                    if (!a.isTextual() || a.asText().length() > MAX_ANSWER) {
                        throw ExamException.field(ErrorType.BAD_REQUEST, "key.blanks[" + i + "]", "key.blanks["
                                + i + "] must hold strings of at most " + MAX_ANSWER + " characters");
                    }
                    answers.add(a.asText());
                }
                blanks.add(answers);
            }
        }
        return new Erratum(itemId, kind, options, trueFalse, blanks);
    }
}
