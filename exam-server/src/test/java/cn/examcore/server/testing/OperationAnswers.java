package cn.examcore.server.testing;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A demo candidate of the operation demo (operation tasks and an essay) answering and submitting, for marking tests. */
public final class OperationAnswers {

    private OperationAnswers() {
    }

    /**
     * Logs demo candidate {@code i} in and submits: the essay answered with {@code essay}, each operation task with a
     * note and (when {@code upload}) one uploaded {@code .docx} named after a person; {@code essay} null submits
     * nothing at all. Returns the attempt id.
     */
    public static String sit(Api api, TestNode node, int i, String essay, boolean upload) {
        JsonObject login = api.loginDemo(node, i);
        String attemptId = login.getString("attemptId");
        String token = login.getString("token");
        JsonArray answers = new JsonArray();
        List<Answer> digested = new ArrayList<>();
        if (essay != null) {
            for (PaperItem item : Papers.of(node, attemptId).items().values()) {
                JsonObject value = new JsonObject();
                switch (item.type()) {
                    case ESSAY -> value.put("text", essay);
                    case OPERATION -> {
                        value.put("text", "task " + item.number() + " by candidate " + i);
                        JsonArray files = new JsonArray();
                        if (upload) {
                            Api.Reply r = api.postMultipart("/api/candidate/upload", token,
                                    "张三-" + item.number() + ".docx", ("deliverable of task " + item.number())
                                            .getBytes(StandardCharsets.UTF_8));
                            if (r.status() != 200) {
                                throw new AssertionError("upload refused: " + r.text());
                            }
                            files.add(r.json().getString("fileId"));
                        }
                        value.put("files", files);
                    }
                    default -> throw new AssertionError("unexpected item type " + item.type());
                }
                answers.add(new JsonObject().put("item", item.number()).put("value", value).put("rev", 1));
                digested.add(new Answer(item.number(), "x", 1, 0));
            }
        }
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            seat.hello(new JsonArray());
            seat.send(new JsonObject().put("type", "submit").put("answers", answers).put("digest",
                    Digest.of(digested)));
            seat.next("submitted");
        }
        return attemptId;
    }

    /** Creates a staff account through the admin API and answers its token. */
    public static String staff(Api api, String admin, String username, String role) {
        String pw = "marking-" + username + "-password";
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", username)
                .put("password", pw).put("role", role));
        if (created.status() != 201) {
            throw new AssertionError("staff account refused: " + created.text());
        }
        return api.post("/api/admin/login", null, new JsonObject().put("username", username).put("password", pw))
                .json().getString("token");
    }

    /** The password {@link #staff} gives an account. */
    public static String password(String username) {
        return "marking-" + username + "-password";
    }
}
