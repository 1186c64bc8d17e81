package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A sitting set up through the admin API alone, run to its deadline, scored and exported. */
@DisplayName("Admin API and a sitting to its deadline")
class AdminFlowIT {

    static TestNode node;
    static Api api;
    static String admin;
    static String bankId;
    static String blueprint;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.builder().noDemo().start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        Api.Reply bank = api.postFile("/api/admin/banks", admin, "hr-4.json", resource("/samples/hr-4.json"));
        assertThat(bank.status()).as(bank.text()).isEqualTo(201);
        bankId = bank.json().getString("bankId");
        blueprint = new String(resource("/samples/hr-4-theory.blueprint.json"), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = AdminFlowIT.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String id(int n) {
        String body = String.format("3101011990%02d%02d%03d", 1 + n % 12, 1 + n % 28, 200 + n);
        return body + DemoSitting.checkChar(body);
    }

    private static String roster(String room) {
        return "准考证号,身份证号,姓名,考场,座位号,科目\n"
                + "A-001," + id(1) + ",甲," + room + ",1,理论知识\n"
                + "A-002," + id(2) + ",乙," + room + ",2,理论知识\n"
                + "A-003," + id(3) + ",丙," + room + ",3,操作技能\n";
    }

    static final java.util.concurrent.atomic.AtomicInteger PINS = new java.util.concurrent.atomic.AtomicInteger(400_000);
    static final java.util.Map<String, String> PIN_OF = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Creates a sitting with room R1 (2 × 2), the roster, the bank and blueprint, papers assembled. Every sitting
     * has its own PIN, so enrolling R1-0n with {@link #pin} reaches that sitting and not another test's.
     */
    private static String sitting(long t0, int minutes, int checkIn) {
        String pin = String.valueOf(PINS.incrementAndGet());
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "flow")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识").put("t0", t0)
                .put("durationMinutes", minutes).put("checkInMinutes", checkIn).put("enrolmentPin", pin));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().getString("id");
        PIN_OF.put(id, pin);
        Api.Reply room = api.post("/api/admin/sittings/" + id + "/rooms", admin,
                new JsonObject().put("name", "R1").put("rows", 2).put("cols", 2));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        assertThat(room.json().getJsonArray("seatCodes")).containsExactly("R1-01", "R1-02", "R1-03", "R1-04");
        Api.Reply r = api.postFile("/api/admin/sittings/" + id + "/roster", admin, "roster.csv",
                roster("R1").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().getInteger("imported")).isEqualTo(3);
        Api.Reply bp = api.put("/api/admin/sittings/" + id + "/blueprint", admin,
                new JsonObject().put("bankId", bankId).put("blueprint", new JsonObject(blueprint)));
        assertThat(bp.status()).as(bp.text()).isEqualTo(200);
        Api.Reply assembled = api.post("/api/admin/sittings/" + id + "/assemble", admin, null);
        assertThat(assembled.status()).as(assembled.text()).isEqualTo(200);
        assertThat(assembled.json().getInteger("papers")).isEqualTo(2);
        return id;
    }

    private static String pin(String sittingId) {
        return PIN_OF.get(sittingId);
    }

    @Test
    @DisplayName("At the deadline the owning node auto-submits, pushes the receipt, scores and exports the result")
    void autoSubmitAtDeadline() {
        long now = System.currentTimeMillis();
        String id = sitting(now - 56_000, 1, 30);
        String terminal = api.enrol("R1-01", pin(id));
        Api.Reply login = api.login(terminal, "A-001", id(1));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String token = login.json().getString("token");
        String attemptId = login.json().getString("attemptId");
        PaperService.LoadedPaper paper = Papers.of(node, attemptId);
        PaperItem tf = Papers.first(paper, ItemType.TRUE_FALSE);
        PaperItem single = Papers.first(paper, ItemType.SINGLE_CHOICE);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            JsonObject welcome = seat.hello(new JsonArray());
            assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
            assertThat(seat.save(tf.number(), Papers.correct(tf), 1).getString("type")).isEqualTo("saved");
            assertThat(seat.save(single.number(), Papers.wrong(single), 1).getString("type")).isEqualTo("saved");
            JsonObject state = seat.next(m -> "state".equals(m.getString("type"))
                    && "SUBMITTED".equals(m.getString("state")), Duration.ofSeconds(30));
            assertThat(state.getString("reason")).isEqualTo("deadline");
            JsonObject receipt = seat.next("submitted").getJsonObject("receipt");
            assertThat(receipt.getInteger("answered")).isEqualTo(2);
            // No page digest came with a deadline's freeze: the receipt makes no claim about it.
            assertThat(receipt.containsKey("digestMatches")).isFalse();
            assertThat(seat.save(tf.number(), Papers.wrong(tf), 2).getString("code")).isEqualTo("ATTEMPT_SUBMITTED");
        }
        // The receipt is pushed once the attempt is frozen; scoring and storing the result follow it, so the
        // result row appears shortly after the push, not with it.
        Await.until("the auto-submitted result is stored", Duration.ofSeconds(10), () -> api.get(
                "/api/admin/sittings/" + id + "/results", admin).array().stream().map(o -> (JsonObject) o)
                .anyMatch(o -> o.getString("ticket").equals("A-001") && o.getString("submitKind") != null));
        Api.Reply results = api.get("/api/admin/sittings/" + id + "/results", admin);
        JsonObject mine = results.array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("ticket").equals("A-001")).findFirst().orElseThrow();
        assertThat(mine.getString("submitKind")).isEqualTo("AUTO_SUBMITTED");
        assertThat(new BigDecimal(mine.getValue("objectiveScore").toString())).isEqualByComparingTo(tf.score());
        assertThat(new BigDecimal(mine.getValue("maxScore").toString())).isEqualByComparingTo(new BigDecimal("100"));
        JsonObject absent = results.array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("ticket").equals("A-002")).findFirst().orElseThrow();
        assertThat(absent.getValue("objectiveScore")).isNull();

        Api.Reply csv = api.get("/api/admin/sittings/" + id + "/results/export?format=csv", admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).contains("准考证号", "A-001", "A-002", "到时自动交卷", "缺考");
        Api.Reply xlsx = api.get("/api/admin/sittings/" + id + "/results/export?format=xlsx", admin);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.body().getBytes(0, 2)).isEqualTo(new byte[] {'P', 'K'});
        Api.Reply pdf = api.get("/api/admin/sittings/" + id + "/results/export?format=pdf", admin);
        assertThat(pdf.status()).isEqualTo(400);
        assertThat(pdf.json().getJsonObject("details").getString("field")).isEqualTo("format");

        Api.Reply events = api.get("/api/proctor/sittings/" + id + "/events?attemptId=" + attemptId, admin);
        assertThat(events.array().stream().map(o -> ((JsonObject) o).getString("kind"))).contains("AUTO_SUBMITTED");
    }

    @Test
    @DisplayName("Login before check-in opens is refused with the opening time")
    void checkInNotOpen() {
        String id = sitting(System.currentTimeMillis() + 3_600_000, 60, 10);
        Api.Reply r = api.login(api.enrol("R1-02", pin(id)), "A-002", id(2));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("CHECK_IN_NOT_OPEN");
        assertThat(r.json().getJsonObject("details").getLong("checkInOpensAt")).isPositive();
        assertThat(id).isNotBlank();
    }

    @Test
    @DisplayName("Bad admin input is refused naming the field, row or rule, and nothing is stored")
    void badAdminInput() {
        Api.Reply noAuth = api.get("/api/admin/sittings", null);
        assertThat(noAuth.status()).isEqualTo(401);
        Api.Reply missing = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getJsonObject("details").getString("field")).isEqualTo("subject");
        Api.Reply level = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "x")
                .put("occupation", "o").put("level", 9).put("subject", "THEORY").put("t0", 1).put("durationMinutes", 5));
        assertThat(level.json().getJsonObject("details").getString("field")).isEqualTo("level");
        int before = api.get("/api/admin/sittings", admin).array().size();
        Api.Reply malformed = api.postRaw("/api/admin/sittings", admin, "{title:");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(api.get("/api/admin/sittings", admin).array().size()).isEqualTo(before);

        String id = sitting(System.currentTimeMillis() + 7_200_000, 60, 10);
        String bad = "准考证号,身份证号,姓名,考场,座位号,科目\nB-1,12345,丁,R1,1,理论知识\nB-2," + id(9) + ",戊,R9,1,理论知识\n";
        Api.Reply roster = api.postFile("/api/admin/sittings/" + id + "/roster", admin, "bad.csv",
                bad.getBytes(StandardCharsets.UTF_8));
        assertThat(roster.status()).isEqualTo(422);
        assertThat(roster.code()).isEqualTo("ROSTER_REJECTED");
        JsonArray errors = roster.json().getJsonObject("details").getJsonArray("errors");
        assertThat(errors.getJsonObject(0).getInteger("row")).isEqualTo(2);
        assertThat(errors.getJsonObject(0).getString("field")).isEqualTo("idNumber");
        Api.Reply sitting = api.get("/api/admin/sittings/" + id, admin);
        assertThat(sitting.json().getInteger("candidates")).isEqualTo(3);

        Api.Reply badBank = api.postFile("/api/admin/banks", admin, "broken.json",
                "{\"format\":\"examcore-bank/1\",\"id\":\"broken\",\"items\":[{\"id\":\"x\",\"type\":\"SINGLE_CHOICE\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(badBank.status()).isEqualTo(422);
        assertThat(badBank.code()).isEqualTo("BANK_REJECTED");
        assertThat(badBank.json().getJsonObject("details").getJsonArray("issues")).isNotEmpty();
        Api.Reply attach = api.put("/api/admin/sittings/" + id + "/blueprint", admin,
                new JsonObject().put("bankId", "broken").put("blueprint", new JsonObject(blueprint)));
        assertThat(attach.status()).isEqualTo(404);

        Api.Reply badBlueprint = api.put("/api/admin/sittings/" + id + "/blueprint", admin,
                new JsonObject().put("bankId", bankId).put("blueprint", new JsonObject().put("format", "nope")));
        assertThat(badBlueprint.status()).isEqualTo(422);
        assertThat(badBlueprint.code()).isEqualTo("BLUEPRINT_REJECTED");

        JsonObject staff = new JsonObject().put("username", "proctor-bad").put("password", "long-enough-secret")
                .put("role", "PROCTOR");
        for (var bodyAndField : java.util.Map.of("roomIds", staff.copy().put("roomIds", "R1"),
                "roomIds[1]", staff.copy().put("roomIds", new JsonArray().add("r-1").add(7)),
                "password", staff.copy().put("password", "short"),
                "role", staff.copy().put("role", "CHIEF")).entrySet()) {
            Api.Reply refused = api.post("/api/admin/staff", admin, bodyAndField.getValue());
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().getJsonObject("details").getString("field")).isEqualTo(bodyAndField.getKey());
        }
        assertThat(api.post("/api/admin/login", null, new JsonObject().put("username", "proctor-bad")
                .put("password", "long-enough-secret")).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("The seat-agent endpoint stores a valid batch against the seat's attempt and refuses a bad batch whole")
    void seatAgent() {
        String id = sitting(System.currentTimeMillis() - 1000, 60, 30);
        Api.Reply notEntered = api.login(api.enrol("R1-03", pin(id)), "A-003", id(3));
        assertThat(notEntered.status()).isEqualTo(403);
        assertThat(notEntered.json().getString("message")).contains("not entered");
        Api.Reply key = api.post("/api/admin/sittings/" + id + "/agent-keys", admin, null);
        assertThat(key.status()).isEqualTo(201);
        String agentKey = key.json().getString("agentKey");
        long observed = System.currentTimeMillis() - 500;
        Api.Reply ok = api.post("/api/agent/events", agentKey, new JsonObject().put("events", new JsonArray()
                .add(new JsonObject().put("seatCode", "R1-01").put("kind", "USB_STORAGE_INSERTED")
                        .put("detail", new JsonObject().put("label", "KINGSTON 32GB")).put("observedAt", observed))
                .add(new JsonObject().put("seatCode", "R1-04").put("kind", "PRESENCE_LOST"))));
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        assertThat(ok.json().getInteger("accepted")).isEqualTo(2);

        Api.Reply bad = api.post("/api/agent/events", agentKey, new JsonObject().put("events", new JsonArray()
                .add(new JsonObject().put("seatCode", "R1-02").put("kind", "PHONE_DETECTED"))
                .add(new JsonObject().put("seatCode", "R1-02").put("kind", "TELEPATHY"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getJsonObject("details").getString("field")).isEqualTo("events[1].kind");
        Api.Reply unknownSeat = api.post("/api/agent/events", agentKey, new JsonObject().put("events",
                new JsonArray().add(new JsonObject().put("seatCode", "Z9-99").put("kind", "PHONE_DETECTED"))));
        assertThat(unknownSeat.json().getJsonObject("details").getString("field")).isEqualTo("events[0].seatCode");
        Api.Reply wrongKey = api.post("/api/agent/events", "ak_wrong", new JsonObject().put("events",
                new JsonArray().add(new JsonObject().put("seatCode", "R1-01").put("kind", "PHONE_DETECTED"))));
        assertThat(wrongKey.status()).isEqualTo(401);

        Api.Reply events = api.get("/api/proctor/sittings/" + id + "/events", admin);
        List<JsonObject> list = events.array().stream().map(o -> (JsonObject) o).toList();
        assertThat(list).extracting(e -> e.getString("kind")).containsExactlyInAnyOrder("USB_STORAGE_INSERTED",
                "PRESENCE_LOST");
        JsonObject usb = list.stream().filter(e -> e.getString("kind").equals("USB_STORAGE_INSERTED")).findFirst()
                .orElseThrow();
        assertThat(usb.getString("attemptId")).isEqualTo(PaperService.attemptId(id, "A-001", "THEORY"));
        assertThat(usb.getString("source")).isEqualTo("AGENT");
        assertThat(usb.getLong("observedAt")).isEqualTo(observed);
        assertThat(usb.getLong("at")).isGreaterThanOrEqualTo(observed);
        JsonObject presence = list.stream().filter(e -> e.getString("kind").equals("PRESENCE_LOST")).findFirst()
                .orElseThrow();
        assertThat(presence.getString("attemptId")).isNull();
    }

    @Test
    @DisplayName("Assembly is reproducible before the start and refused once the sitting runs")
    void assemblyReproducibleThenFrozen() {
        String future = sitting(System.currentTimeMillis() + 3_600_000, 60, 10);
        String attemptId = PaperService.attemptId(future, "A-001", "THEORY");
        var first = Papers.of(node, attemptId).paper();
        assertThat(api.post("/api/admin/sittings/" + future + "/assemble", admin, null).status()).isEqualTo(200);
        var second = Papers.of(node, attemptId).paper();
        assertThat(second).isEqualTo(first);
        assertThat(second.seed()).isEqualTo(PaperService.seed(
                node.paperSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8), future, "A-001", "THEORY"));
        assertThat(Papers.of(node, PaperService.attemptId(future, "A-002", "THEORY")).paper())
                .isNotEqualTo(first);

        String running = sitting(System.currentTimeMillis() - 1000, 60, 10);
        Api.Reply again = api.post("/api/admin/sittings/" + running + "/assemble", admin, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("CONFLICT");
    }

    /** A QTI 2.1 item as another tool writes it: match_correct by URI, none of our ec: tags or difficulty. */
    private static final String FOREIGN_QTI_ITEM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="FOREIGN-1"
                            title="Capital" adaptive="false" timeDependent="false">
              <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                <correctResponse><value>B</value></correctResponse>
              </responseDeclaration>
              <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
              <itemBody>
                <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
                  <prompt>Which city is the capital of France?</prompt>
                  <simpleChoice identifier="A">Lyon</simpleChoice>
                  <simpleChoice identifier="B">Paris</simpleChoice>
                  <simpleChoice identifier="C">Nice</simpleChoice>
                </choiceInteraction>
              </itemBody>
              <responseProcessing
                  template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
            </assessmentItem>
            """;

    @Test
    @DisplayName("A QTI item without our tags is accepted with the upload's defaults, each default reported")
    void foreignQtiWithImportDefaults() {
        byte[] item = FOREIGN_QTI_ITEM.strip().getBytes(StandardCharsets.UTF_8);

        Api.Reply without = api.postFile("/api/admin/banks", admin, "foreign-bare.xml", item);
        assertThat(without.status()).as(without.text()).isEqualTo(422);
        assertThat(without.code()).isEqualTo("BANK_REJECTED");

        Api.Reply accepted = api.postFile("/api/admin/banks", admin, "foreign.xml", item, java.util.Map.of(
                "occupation", "企业人力资源管理师", "level", "四级", "subject", "理论知识", "difficulty", "中"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
        assertThat(accepted.json().getInteger("items")).isEqualTo(1);
        JsonArray issues = accepted.json().getJsonArray("issues");
        assertThat(issues.stream().map(JsonObject.class::cast).filter(i -> i.getString("rule")
                .equals("defaulted-value")).toList()).singleElement().satisfies(i -> {
                    assertThat(i.getString("severity")).isEqualTo("WARNING");
                    assertThat(i.getString("location")).startsWith("foreign.xml");
                    assertThat(i.getString("message")).contains("企业人力资源管理师").contains("理论知识");
                });
    }

    @Test
    @DisplayName("A bad import default is refused naming its field, and no bank is stored")
    void badImportDefaultNamesTheField() {
        byte[] item = FOREIGN_QTI_ITEM.strip().replace("FOREIGN-1", "FOREIGN-BAD").getBytes(StandardCharsets.UTF_8);
        for (var paramAndField : java.util.List.of(
                java.util.Map.entry(java.util.Map.of("level", "七级"), "level"),
                java.util.Map.entry(java.util.Map.of("level", "4", "subject", "体育"), "subject"),
                java.util.Map.entry(java.util.Map.of("difficulty", "9"), "difficulty"),
                java.util.Map.entry(java.util.Map.of("occupation", "x".repeat(101)), "occupation"))) {
            Api.Reply refused = api.postFile("/api/admin/banks", admin, "foreign-bad.xml", item,
                    paramAndField.getKey());
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("BAD_REQUEST");
            assertThat(refused.json().getJsonObject("details").getString("field")).isEqualTo(paramAndField.getValue());
        }
        // The bare item's bank id is its file name; attaching it to a real sitting finds no such bank.
        String sitting = sitting(System.currentTimeMillis() + 7_200_000, 60, 10);
        Api.Reply attach = api.put("/api/admin/sittings/" + sitting + "/blueprint", admin,
                new JsonObject().put("bankId", "foreign-bad").put("blueprint", new JsonObject(blueprint)));
        assertThat(attach.status()).as(attach.text()).isEqualTo(404);
        assertThat(attach.json().getJsonObject("details").getString("field")).isEqualTo("bankId");
    }

    @Test
    @DisplayName("A stored bank leaves as a QTI package that the importer reads back as the same items")
    void bankExportsAsQti() throws Exception {
        var original = new BankImporter().importBytes("hr-4.json", resource("/samples/hr-4.json")).bank()
                .orElseThrow();
        for (String version : List.of("2.1", "3.0")) {
            Api.Reply exported = api.get("/api/admin/banks/" + bankId + "/qti?version=" + version, admin);
            assertThat(exported.status()).as(exported.text()).isEqualTo(200);
            assertThat(exported.contentType()).startsWith("application/zip");
            assertThat(exported.header("Content-Disposition")).contains(bankId + "-qti" + version.replace(".", "")
                    + ".zip");
            List<String> left = original.items().stream().filter(i -> i.type() == ItemType.OPERATION)
                    .map(Item::id).toList();
            assertThat(left).isNotEmpty();
            assertThat(exported.header("X-Not-Exported")).isEqualTo(String.join(",", left));
            assertThat(exported.header("X-Not-Exported-Count")).isEqualTo(Integer.toString(left.size()));
            ImportResult back = new BankImporter().importBytes("back.zip", exported.body().getBytes());
            assertThat(back.errors()).isEmpty();
            Bank read = back.bank().orElseThrow();
            assertThat(read.id()).isEqualTo(original.id());
            assertThat(exported.header("X-Exported-Items")).isEqualTo(Integer.toString(read.items().size()));
            List<Item> expected = original.items().stream().filter(i -> !left.contains(i.id())).toList();
            assertThat(read.items()).extracting(Item::id, Item::type, Item::correctOptions, Item::score)
                    .containsExactlyElementsOf(expected.stream().map(i -> org.assertj.core.groups.Tuple.tuple(
                            i.id(), i.type(), i.correctOptions(), i.score())).toList());
        }

        Api.Reply badVersion = api.get("/api/admin/banks/" + bankId + "/qti?version=1.2", admin);
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.json().getJsonObject("details").getString("field")).isEqualTo("version");
        Api.Reply unknown = api.get("/api/admin/banks/no-such-bank/qti", admin);
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);

        assertThat(api.post("/api/admin/staff", admin, new JsonObject().put("username", "proctor-export")
                .put("password", "long-enough-secret").put("role", "PROCTOR")).status()).isEqualTo(201);
        String proctor = api.post("/api/admin/login", null, new JsonObject().put("username", "proctor-export")
                .put("password", "long-enough-secret")).json().getString("token");
        assertThat(api.get("/api/admin/banks/" + bankId + "/qti", proctor).status()).isEqualTo(403);

        // Three exports so far and a burst of 10: the eighth try more is refused, or a few later when the test ran
        // slowly enough for a try to come back (one every 3 s).
        Api.Reply last = null;
        for (int i = 0; i < 15 && (last == null || last.status() != 429); i++) {
            last = api.get("/api/admin/banks/no-such-bank/qti", admin);
        }
        assertThat(last.status()).as(last.text()).isEqualTo(429);
        assertThat(last.code()).isEqualTo("RATE_LIMITED");
    }
}
