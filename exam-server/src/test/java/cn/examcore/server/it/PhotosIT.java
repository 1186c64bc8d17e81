package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.sitting.photo.TestPhotos;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 考生照片 over HTTP: the import of an archive, refused whole when hostile, and who may see which photo. */
@DisplayName("Candidate photos over HTTP")
class PhotosIT {

    static TestNode node;
    static Api api;
    static String admin;
    static String sitting;
    static String proctorA;
    static String proctorB;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        sitting = node.sittingId();
        String roomA = api.get("/api/proctor/sittings/" + sitting + "/rooms", admin).json().getJsonArray("rooms")
                .getJsonObject(0).getString("id");
        Api.Reply roomB = api.post("/api/admin/sittings/" + sitting + "/rooms", admin,
                new JsonObject().put("name", "RB").put("rows", 1).put("cols", 2));
        assertThat(roomB.status()).as(roomB.text()).isEqualTo(201);
        proctorA = staff("photo-proctor-a", new JsonArray().add(roomA));
        proctorB = staff("photo-proctor-b", new JsonArray().add(roomB.json().getString("id")));
    }

    private static String staff(String name, JsonArray rooms) {
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", name)
                .put("password", "long-enough-secret").put("role", "PROCTOR").put("roomIds", rooms));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api.post("/api/admin/login", null, new JsonObject().put("username", name)
                .put("password", "long-enough-secret")).json().getString("token");
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String path(String rest) {
        return "/api/admin/sittings/" + sitting + rest;
    }

    private static JsonObject coverage() {
        Api.Reply r = api.get(path("/photos"), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    @DisplayName("An archive named by ticket and by ID number is stored; each photo is served to whom may see it")
    void importAndServe() {
        DemoSitting.DemoCandidate first = node.candidate(0);
        DemoSitting.DemoCandidate second = node.candidate(1);
        byte[] jpeg = TestPhotos.jpeg(11);
        byte[] png = TestPhotos.png(12);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("photos/" + first.ticket() + ".jpg", jpeg);
        entries.put("photos/" + second.idNumber().toLowerCase(java.util.Locale.ROOT) + ".png", png);
        Api.Reply r = api.postFile(path("/photos"), admin, "photos.zip", TestPhotos.zip(entries));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().getInteger("imported")).isEqualTo(2);
        JsonObject c = coverage();
        assertThat(c.getInteger("candidates")).isEqualTo(node.demo().candidates().size());
        assertThat(c.getInteger("withPhoto")).isGreaterThanOrEqualTo(2);
        assertThat(c.getJsonArray("missing").stream().map(String::valueOf).toList())
                .doesNotContain(first.ticket(), second.ticket());

        Api.Reply photo = api.get(path("/photos/" + first.ticket()), admin);
        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.header("Cache-Control")).isEqualTo("no-store");
        assertThat(photo.body().getBytes()).isEqualTo(jpeg);
        Api.Reply second2 = api.get("/api/proctor/sittings/" + sitting + "/photos/" + second.ticket(), proctorA);
        assertThat(second2.status()).as(second2.text()).isEqualTo(200);
        assertThat(second2.contentType()).isEqualTo("image/png");
        assertThat(second2.body().getBytes()).isEqualTo(png);

        // A proctor of another room is refused the photo of a candidate outside it, and may not import.
        Api.Reply other = api.get("/api/proctor/sittings/" + sitting + "/photos/" + first.ticket(), proctorB);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().getString("message")).contains("does not sit in one of your rooms");
        assertThat(api.postFile(path("/photos"), proctorA, "photos.zip", TestPhotos.zip(entries)).status())
                .isEqualTo(403);
        assertThat(api.get(path("/photos/" + first.ticket()), proctorA).status()).isEqualTo(403);

        // The candidate sees their own photo, named by their token alone.
        JsonObject login = api.loginDemo(node, 0);
        Api.Reply own = api.get("/api/candidate/photo", login.getString("token"));
        assertThat(own.status()).as(own.text()).isEqualTo(200);
        assertThat(own.body().getBytes()).isEqualTo(jpeg);
        assertThat(api.get("/api/candidate/photo", null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("A hostile archive is refused with every problem named per entry, and nothing is stored")
    void hostileArchive() {
        String ticket = node.candidate(5).ticket();
        JsonObject before = coverage();
        byte[] bomb = new byte[1_500_000];
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, 0, bomb, 0, 3);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ticket + ".jpg", TestPhotos.jpeg(5));
        entries.put("../" + node.candidate(6).ticket() + ".jpg", TestPhotos.jpeg(6));
        entries.put(node.candidate(7).ticket() + ".jpg", bomb);
        entries.put("inner.zip", TestPhotos.zip("x.jpg", TestPhotos.jpeg(7)));
        entries.put("readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        entries.put(node.candidate(8).ticket() + ".png", TestPhotos.image("png", 40, 40, 8));
        entries.put("NOBODY.jpg", TestPhotos.jpeg(9));
        Api.Reply r = api.postFile(path("/photos"), admin, "photos.zip", TestPhotos.zip(entries));
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("PHOTOS_REJECTED");
        JsonArray errors = r.json().getJsonObject("details").getJsonArray("errors");
        List<String> named = errors.stream().map(o -> ((JsonObject) o).getString("entry")).toList();
        assertThat(named).containsExactly("../" + node.candidate(6).ticket() + ".jpg",
                node.candidate(7).ticket() + ".jpg", "inner.zip", "readme.txt", node.candidate(8).ticket() + ".png",
                "NOBODY.jpg");
        assertThat(errors.getJsonObject(1).getString("message")).contains("expands more than");
        assertThat(errors.getJsonObject(4).getString("message")).contains("40 × 40 pixels");
        // The one good photo was not stored either.
        assertThat(api.get(path("/photos/" + ticket), admin).status()).isEqualTo(404);
        assertThat(coverage().getInteger("withPhoto")).isEqualTo(before.getInteger("withPhoto"));

        Api.Reply notZip = api.postFile(path("/photos"), admin, "photo.jpg", TestPhotos.jpeg(1));
        assertThat(notZip.status()).isEqualTo(422);
        assertThat(notZip.json().getJsonObject("details").getJsonArray("errors").getJsonObject(0)
                .getString("message")).contains("not a zip archive");
    }

    @Test
    @DisplayName("Photos for a sitting without a roster, or an unknown sitting, are refused")
    void noRoster() {
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "empty")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                .put("t0", System.currentTimeMillis() + 86_400_000L).put("durationMinutes", 60));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Api.Reply r = api.postFile("/api/admin/sittings/" + created.json().getString("id") + "/photos", admin,
                "photos.zip", TestPhotos.zip("A-001.jpg", TestPhotos.jpeg(1)));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().getString("message")).contains("import the roster first");
        assertThat(api.postFile("/api/admin/sittings/nope/photos", admin, "photos.zip",
                TestPhotos.zip("A-001.jpg", TestPhotos.jpeg(1))).status()).isEqualTo(404);
    }
}
