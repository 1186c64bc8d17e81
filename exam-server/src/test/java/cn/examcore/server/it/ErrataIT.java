package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.LocalPostgres;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Errata (勘误) over HTTP on a finished sitting: a corrected key rescoring every paper that holds the item (a result
 * at the pass line failing and losing its certificate), a voided item credited to a candidate who left it blank,
 * each attempt's scores before and after in the audit, and bad errata refused with nothing changed.
 */
@DisplayName("Errata on a finished sitting")
class ErrataIT {

    static LocalPostgres pg;
    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        // The objective-only theory paper: 10 single choice (2), 5 multiple (4), 10 true/false (2), 4 fill-in (5),
        // 80 points, pass at 48.
        // On the local PostgreSQL when EXAMCORE_TEST_PG=local: the transactions and their guards are what is tested.
        pg = LocalPostgres.schemaIfRequested("examcore_errata");
        TestNode.Builder builder = TestNode.builder().demo(CertificatesIT.seats(3));
        node = (pg == null ? builder : pg.on(builder)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        assertThat(api.post(sitting() + "/start", admin, null).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws java.sql.SQLException {
        api.close();
        node.close();
        if (pg != null) {
            pg.drop();
        }
    }

    private static String sitting() {
        return "/api/admin/sittings/" + node.sittingId();
    }

    /** Logs candidate {@code i} in and submits the items {@code answered} picks, each answered correctly. */
    private static String submit(int i, Predicate<PaperItem> answered) {
        JsonObject login = api.loginDemo(node, i);
        String attemptId = login.getString("attemptId");
        JsonArray answers = new JsonArray();
        List<Answer> digested = new ArrayList<>();
        for (PaperItem item : Papers.of(node, attemptId).items().values()) {
            if (answered.test(item)) {
                answers.add(new JsonObject().put("item", item.number()).put("value", Papers.correct(item))
                        .put("rev", 1));
                digested.add(new Answer(item.number(), "x", 1, 0));
            }
        }
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            seat.send(new JsonObject().put("type", "submit").put("answers", answers)
                    .put("digest", Digest.of(digested)));
            seat.next("submitted");
        }
        return attemptId;
    }

    private static JsonObject resultOf(int i) {
        Api.Reply r = api.get(sitting() + "/results", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("ticket").equals(node.candidate(i).ticket())).findFirst().orElseThrow();
    }

    private static BigDecimal objective(int i) {
        return new BigDecimal(resultOf(i).getValue("objectiveScore").toString());
    }

    private static List<JsonObject> audit(String action) {
        return api.get(sitting() + "/audit", admin).array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("action").equals(action)).toList();
    }

    private static JsonObject erratum(String itemId, String kind, JsonObject key) {
        JsonObject b = new JsonObject().put("itemId", itemId).put("kind", kind).put("reason", "key misprinted");
        return key == null ? b : b.put("key", key);
    }

    /** The bank option id of a choice item's current key on this paper, and one that is not the key. */
    private static String bankKey(PaperItem item) {
        String label = item.correctOptions().iterator().next();
        for (int d = 0; d < item.options().size(); d++) {
            if (item.options().get(d).id().equals(label)) {
                return item.sourceOptionIds().get(d);
            }
        }
        throw new AssertionError("no key option on " + item.itemId());
    }

    private static String otherBankOption(PaperItem item) {
        String key = bankKey(item);
        return item.sourceOptionIds().stream().filter(id -> !id.equals(key)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("A corrected key rescores the sitting, fails the result at the pass line and revokes its certificate; "
            + "a void credits a blank answer; the audit holds every attempt's scores before and after")
    void correctAndVoid() {
        // Candidate 0 stands exactly at the pass line: all single choice and true/false, two multiple choice: 48.
        int[] multiples = {0};
        String a0 = submit(0, item -> item.type() == ItemType.SINGLE_CHOICE || item.type() == ItemType.TRUE_FALSE
                || item.type() == ItemType.MULTIPLE_CHOICE && multiples[0]++ < 2);
        String a1 = submit(1, item -> false);
        PaperItem anyItem = Papers.first(Papers.of(node, a0), ItemType.SINGLE_CHOICE);
        Api.Reply early = api.post(sitting() + "/errata", admin, erratum(anyItem.itemId(), "VOID", null));
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.json().getJsonObject("details").getJsonArray("openTickets"))
                .containsExactly(node.candidate(2).ticket());
        assertThat(api.get(sitting() + "/errata", admin).array()).isEmpty();
        String a2 = submit(2, item -> true);
        assertThat(objective(0)).isEqualByComparingTo("48");
        assertThat(resultOf(0).getBoolean("passed")).isTrue();
        assertThat(objective(1)).isEqualByComparingTo("0");
        assertThat(objective(2)).isEqualByComparingTo("80");

        // A certificate follows the level result: candidate 0 completes the evaluation's operation subject first.
        CertificatesIT.passOperation(api, node, admin, 0, "errata", 820_000);
        Api.Reply issued = api.post(sitting() + "/certificates", admin, null);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String certificate0 = issued.array().stream().map(o -> (JsonObject) o)
                .filter(c -> c.getString("ticket").equals(node.candidate(0).ticket())).findFirst().orElseThrow()
                .getString("number");

        PaperItem single = Papers.first(Papers.of(node, a0), ItemType.SINGLE_CHOICE);
        String wrongBefore = otherBankOption(single);
        Api.Reply keyed = api.post(sitting() + "/errata", admin, erratum(single.itemId(), "KEY",
                new JsonObject().put("options", new JsonArray().add(wrongBefore))));
        assertThat(keyed.status()).as(keyed.text()).isEqualTo(201);
        JsonObject k = keyed.json();
        assertThat(k.getString("kind")).isEqualTo("KEY");
        assertThat(k.getJsonArray("nowFailing")).containsExactly(node.candidate(0).ticket());
        assertThat(k.getJsonArray("revokedCertificates")).containsExactly(certificate0);
        assertThat(objective(0)).isEqualByComparingTo("46");
        assertThat(resultOf(0).getBoolean("passed")).isFalse();
        // Candidate 2 answered with the old key too: two points fewer if the item is on that paper.
        boolean onPaper2 = Papers.of(node, a2).items().values().stream()
                .anyMatch(i -> i.itemId().equals(single.itemId()));
        assertThat(objective(2)).isEqualByComparingTo(onPaper2 ? "78" : "80");
        assertThat(k.getInteger("rescored")).isEqualTo(k.getJsonArray("attempts").size());
        JsonObject cert = api.get("/api/admin/certificates?sittingId=" + node.sittingId(), admin).array().stream()
                .map(o -> (JsonObject) o).filter(c -> c.getString("number").equals(certificate0)).findFirst()
                .orElseThrow();
        assertThat(cert.getString("status")).isEqualTo("REVOKED");

        List<JsonObject> audits = audit("errata.apply");
        assertThat(audits).hasSize(1);
        JsonObject detail = new JsonObject(audits.get(0).getString("detail"));
        assertThat(detail.getString("itemId")).isEqualTo(single.itemId());
        assertThat(detail.getJsonObject("key").getJsonArray("options")).containsExactly(wrongBefore);
        assertThat(detail.getJsonArray("revokedCertificates")).containsExactly(certificate0);
        JsonObject line0 = detail.getJsonArray("attempts").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("attemptId").equals(a0)).findFirst().orElseThrow();
        assertThat(new BigDecimal(line0.getJsonObject("before").getValue("objectiveScore").toString()))
                .isEqualByComparingTo("48");
        assertThat(line0.getJsonObject("before").getBoolean("passed")).isTrue();
        assertThat(new BigDecimal(line0.getJsonObject("after").getValue("objectiveScore").toString()))
                .isEqualByComparingTo("46");
        assertThat(line0.getJsonObject("after").getBoolean("passed")).isFalse();

        // A voided true/false item of candidate 1's paper: full points for the blank answer.
        PaperItem trueFalse = Papers.first(Papers.of(node, a1), ItemType.TRUE_FALSE);
        Api.Reply voided = api.post(sitting() + "/errata", admin, erratum(trueFalse.itemId(), "VOID", null));
        assertThat(voided.status()).as(voided.text()).isEqualTo(201);
        assertThat(objective(1)).isEqualByComparingTo("2");
        JsonObject line1 = voided.json().getJsonArray("attempts").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("attemptId").equals(a1)).findFirst().orElseThrow();
        assertThat(new BigDecimal(line1.getJsonObject("before").getValue("objectiveScore").toString()))
                .isEqualByComparingTo("0");
        assertThat(new BigDecimal(line1.getJsonObject("after").getValue("objectiveScore").toString()))
                .isEqualByComparingTo("2");
        // The first erratum still holds under the second (candidate 0 answered every true/false item right, so
        // the void adds nothing there).
        assertThat(objective(0)).isEqualByComparingTo("46");

        Api.Reply listed = api.get(sitting() + "/errata", admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.array().stream().map(o -> ((JsonObject) o).getString("kind")).toList())
                .containsExactly("KEY", "VOID");
        assertThat(audit("errata.apply")).hasSize(2);

        badErrataChangeNothing(single);

        // The key was right after all: a third erratum restores it and candidate 0 passes again. The revoked
        // certificate stays revoked; the evaluation gets a new one under a number of its own.
        Api.Reply restored = api.post(sitting() + "/errata", admin, erratum(single.itemId(), "KEY",
                new JsonObject().put("options", new JsonArray().add(bankKey(single)))));
        assertThat(restored.status()).as(restored.text()).isEqualTo(201);
        assertThat(resultOf(0).getBoolean("passed")).isTrue();
        Api.Reply reissued = api.post(sitting() + "/certificates", admin, null);
        assertThat(reissued.status()).as(reissued.text()).isEqualTo(201);
        assertThat(reissued.array().stream().map(o -> ((JsonObject) o).getString("number")).toList())
                .containsExactly(certificate0 + "-2");
        Map<String, String> statuses = new java.util.HashMap<>();
        api.get("/api/admin/certificates?sittingId=" + node.sittingId(), admin).array().stream()
                .map(o -> (JsonObject) o).forEach(c -> statuses.put(c.getString("number"), c.getString("status")));
        assertThat(statuses).containsEntry(certificate0, "REVOKED").containsEntry(certificate0 + "-2", "ISSUED");
        assertThat(api.post(sitting() + "/certificates", admin, null).array()).as("one standing certificate").isEmpty();
    }

    /** Every refusal names its field, and the results, the errata and the audit stay as they were. */
    private void badErrataChangeNothing(PaperItem single) {
        JsonArray before = api.get(sitting() + "/results", admin).array();
        int audits = api.get(sitting() + "/audit", admin).array().size();
        record Bad(JsonObject body, int status, String field) {
        }
        List<Bad> bad = List.of(
                new Bad(erratum("NO-SUCH-ITEM", "VOID", null), 400, "itemId"),
                new Bad(erratum(single.itemId(), "KEY", new JsonObject().put("options",
                        new JsonArray().add("ZZ"))), 400, "key.options"),
                new Bad(erratum(single.itemId(), "KEY", new JsonObject().put("options",
                        new JsonArray(single.sourceOptionIds().subList(0, 2)))), 400, "key.options"),
                new Bad(erratum(single.itemId(), "KEY", new JsonObject().put("trueFalse", true)), 400,
                        "key.options"),
                new Bad(erratum(single.itemId(), "KEY", null), 400, "key"),
                new Bad(erratum(single.itemId(), "VOID", new JsonObject().put("options", new JsonArray())), 400,
                        "key"),
                new Bad(erratum(single.itemId(), "REPLACE", null), 400, "kind"),
                new Bad(new JsonObject().put("kind", "VOID").put("reason", "r"), 400, "itemId"),
                new Bad(erratum(single.itemId(), "VOID", null).put("reason", " "), 400, "reason"));
        for (Bad b : bad) {
            Api.Reply r = api.post(sitting() + "/errata", admin, b.body());
            assertThat(r.status()).as(b.body().encode() + " → " + r.text()).isEqualTo(b.status());
            assertThat(r.json().getJsonObject("details").getString("field")).as(r.text()).isEqualTo(b.field());
        }
        Api.Reply unknownSitting = api.post("/api/admin/sittings/no-such-sitting/errata", admin,
                erratum(single.itemId(), "VOID", null));
        assertThat(unknownSitting.status()).isEqualTo(404);
        assertThat(api.get(sitting() + "/results", admin).array()).isEqualTo(before);
        assertThat(api.get(sitting() + "/errata", admin).array()).hasSize(2);
        assertThat(api.get(sitting() + "/audit", admin).array()).hasSize(audits);
    }

    @Test
    @DisplayName("Errata are for administrators only")
    void administratorsOnly() {
        Api.Reply made = api.post("/api/admin/staff", admin, new JsonObject().put("username", "errata-proctor")
                .put("password", "long-enough-secret").put("role", "PROCTOR"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String proctor = api.post("/api/admin/login", null, new JsonObject().put("username", "errata-proctor")
                .put("password", "long-enough-secret")).json().getString("token");
        assertThat(api.post(sitting() + "/errata", proctor, erratum("X", "VOID", null)).status()).isEqualTo(403);
        assertThat(api.get(sitting() + "/errata", proctor).status()).isEqualTo(403);
        assertThat(api.post(sitting() + "/errata", null, erratum("X", "VOID", null)).status()).isEqualTo(401);
    }
}
