package cn.examcore.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.Receipts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("verify-history (command line)")
class HistoryCheckTest {

    private static final long T0 = 1_000_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    private static Attempt submitted() {
        Attempt a = Attempt.create("att-cli", "s1", "T-9", "THEORY", "R1-01", T0, 3600);
        a = a.saveAnswers(List.of(new Answer(1, "\"A\"", 1, T0 + 1)), T0 + 1, "n1");
        a = a.saveAnswers(List.of(new Answer(2, "true", 1, T0 + 2)), T0 + 2, "n1");
        a = a.saveAnswers(List.of(new Answer(1, "\"B\"", 2, T0 + 3)), T0 + 3, "n2");
        a = a.mergeVector(List.of(new Answer(3, "[\"A\",\"C\"]", 1, T0 + 4)), T0 + 4, "n2");
        return a.submit(List.of(new Answer(2, "false", 2, T0 + 5)), T0 + 5, Attempt.SubmitKind.SUBMITTED, "n1");
    }

    private JsonObject export() {
        return new JsonObject(Json.encode(AnswerHistoryExport.of(submitted(), T0 + 9)));
    }

    private int run(JsonObject history, Object receipt) throws Exception {
        Path file = dir.resolve("history.json");
        Files.writeString(file, history.encodePrettily());
        if (receipt == null) {
            return HistoryCheck.run(new String[] {"verify-history", file.toString()}, print, print);
        }
        Path r = dir.resolve("receipt.json");
        Files.writeString(r, Json.encode(receipt));
        return HistoryCheck.run(new String[] {"verify-history", file.toString(), r.toString()}, print, print);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("An untouched export verifies (exit 0), also against the attempt's receipt")
    void untouchedVerifies() throws Exception {
        JsonObject history = export();
        assertThat(history.getJsonArray("entries")).hasSize(5);
        assertThat(history.getBoolean("replaysToAnswers")).isTrue();
        assertThat(run(history, null)).as("%s", said()).isZero();
        assertThat(run(history, Receipts.unsigned(submitted(), null))).as("%s", said()).isZero();
        assertThat(said()).contains("VERIFIED: 5 entries").contains("the receipt binds");
    }

    @Test
    @DisplayName("A changed value fails (exit 1) naming its entry")
    void changedValue() throws Exception {
        JsonObject history = export();
        history.getJsonArray("entries").getJsonObject(2).put("value", "\"C\"");
        assertThat(run(history, null)).isEqualTo(1);
        assertThat(said()).contains("BROKEN at entry 3");

        JsonObject rehashed = export();
        JsonObject e = rehashed.getJsonArray("entries").getJsonObject(1);
        e.put("value", null).put("valueDigest", "0".repeat(64));
        assertThat(run(rehashed, null)).isEqualTo(1);
        assertThat(said()).contains("BROKEN at entry 2");
    }

    @Test
    @DisplayName("A removed entry fails naming where the chain breaks, also when it was the last")
    void removedEntry() throws Exception {
        JsonObject history = export();
        history.getJsonArray("entries").remove(1);
        assertThat(run(history, null)).isEqualTo(1);
        assertThat(said()).contains("BROKEN at entry 2");

        JsonObject cut = export();
        cut.getJsonArray("entries").remove(4);
        assertThat(run(cut, null)).isEqualTo(1);
        assertThat(said()).contains("BROKEN at entry 5");
    }

    @Test
    @DisplayName("A reordered entry fails naming its place")
    void reorderedEntry() throws Exception {
        JsonObject history = export();
        JsonArray entries = history.getJsonArray("entries");
        Object third = entries.getValue(2);
        entries.set(2, entries.getValue(3));
        entries.set(3, third);
        assertThat(run(history, null)).isEqualTo(1);
        assertThat(said()).contains("BROKEN at entry 3");
    }

    @Test
    @DisplayName("A receipt of other answers is a mismatch (exit 1); a file that is no export is a usage error (exit 2)")
    void receiptMismatchAndBadFile() throws Exception {
        Attempt other = submitted().reopen(T0 + 6).saveAnswers(List.of(new Answer(4, "\"D\"", 1, T0 + 7)), T0 + 7,
                "n1").submit(List.of(), T0 + 8, Attempt.SubmitKind.SUBMITTED, "n1");
        assertThat(run(export(), Receipts.unsigned(other, null))).isEqualTo(1);
        assertThat(said()).contains("MISMATCH");
        assertThat(run(new JsonObject().put("hello", 1), null)).isEqualTo(2);
        assertThat(said()).contains("is not an answer history export");
        assertThat(HistoryCheck.run(new String[] {"verify-history"}, print, print)).isEqualTo(2);
        JsonObject unknownKind = export();
        unknownKind.getJsonArray("entries").getJsonObject(3).put("kind", "EDIT");
        assertThat(run(unknownKind, null)).isEqualTo(2);
        assertThat(said()).contains("entry 4 has the unknown kind EDIT");
    }
}
