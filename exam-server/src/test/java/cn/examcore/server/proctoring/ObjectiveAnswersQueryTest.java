package cn.examcore.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.contract.AnswerPacking;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.ObjectiveAnswers.Item;
import cn.examcore.contract.ObjectiveAnswers.ObjectiveType;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The objective answers' papers")
class ObjectiveAnswersQueryTest {

    private static final List<Choice> OPTIONS = List.of(new Choice("A", "<p>甲</p>"), new Choice("B", "<p>乙</p>"),
            new Choice("C", "<p>丙</p>"), new Choice("D", "<p>丁</p>"));

    @Test
    @DisplayName("keep only the choice and true/false items, in paper order, with labels, bank options and key but no"
            + " text")
    void objectiveItemsOnly() {
        PaperItem essay = new PaperItem(1, "E1", ItemType.ESSAY, "essay", List.of(), List.of(), Set.of(), null,
                List.of(), BigDecimal.TEN, null, List.of(), null);
        PaperItem single = new PaperItem(2, "S1", ItemType.SINGLE_CHOICE, "stem", OPTIONS, List.of("d", "c", "b", "a"),
                Set.of("C"), null, List.of(), BigDecimal.ONE, null, List.of(), null);
        PaperItem multiple = new PaperItem(3, "M1", ItemType.MULTIPLE_CHOICE, "stem", OPTIONS,
                List.of("c", "d", "a", "b"), Set.of("C", "A"), null, List.of(), BigDecimal.ONE, null, List.of(), null);
        PaperItem trueFalse = new PaperItem(4, "T1", ItemType.TRUE_FALSE, "stem", List.of(), List.of(), Set.of(), true,
                List.of(), BigDecimal.ONE, null, List.of(), null);
        Paper paper = new Paper("bp", "bank", 7, 0, List.of(
                new PaperSection("s1", "论述", ItemType.ESSAY, List.of(essay)),
                new PaperSection("s2", "选择", ItemType.SINGLE_CHOICE, List.of(single, multiple, trueFalse))));

        assertThat(ObjectiveAnswersQuery.objectiveItems(paper)).containsExactly(
                new Item(2, "S1", ObjectiveType.SINGLE_CHOICE, List.of("A", "B", "C", "D"), List.of("d", "c", "b", "a"),
                        List.of("C"), null),
                new Item(3, "M1", ObjectiveType.MULTIPLE_CHOICE, List.of("A", "B", "C", "D"),
                        List.of("c", "d", "a", "b"), List.of("A", "C"), null),
                new Item(4, "T1", ObjectiveType.TRUE_FALSE, List.of(), List.of(), List.of(), true));
    }

    @Test
    @DisplayName("send each item once in bank terms and each answer as a bit set of indices into its sorted bank options,"
            + " whatever labels the candidate's paper showed; a value that does not fit is sent as unanswered")
    void answersInBankTerms() {
        Item shownOneWay = new Item(2, "M1", ObjectiveType.MULTIPLE_CHOICE, List.of("A", "B", "C", "D"),
                List.of("c", "d", "a", "b"), List.of("A", "C"), null);
        Item shownAnother = new Item(5, "M1", ObjectiveType.MULTIPLE_CHOICE, List.of("A", "B", "C", "D"),
                List.of("a", "b", "c", "d"), List.of("A", "C"), null);
        ObjectiveAnswers.BankItem bank = ObjectiveAnswersQuery.bankItem(shownOneWay);
        assertThat(bank).isEqualTo(ObjectiveAnswersQuery.bankItem(shownAnother))
                .isEqualTo(new ObjectiveAnswers.BankItem("M1", ObjectiveType.MULTIPLE_CHOICE,
                        List.of("a", "b", "c", "d"), List.of("a", "c"), null));
        // Bank options a and d: labels C and B on the first paper, A and D on the second.
        assertThat(ObjectiveAnswersQuery.encode(shownOneWay, bank, "[\"C\",\"B\"]")).isEqualTo(0b1001);
        assertThat(ObjectiveAnswersQuery.encode(shownAnother, bank, "[\"A\",\"D\"]")).isEqualTo(0b1001);
        assertThat(ObjectiveAnswersQuery.encode(shownOneWay, bank, "[\"X\"]")).isZero();
        assertThat(ObjectiveAnswersQuery.encode(shownOneWay, bank, "true")).isZero();
        Item tf = new Item(4, "T1", ObjectiveType.TRUE_FALSE, List.of(), List.of(), List.of(), true);
        assertThat(ObjectiveAnswersQuery.encode(tf, ObjectiveAnswersQuery.bankItem(tf), "false"))
                .isEqualTo(AnswerPacking.FALSE);
        assertThat(ObjectiveAnswersQuery.encode(tf, ObjectiveAnswersQuery.bankItem(tf), "true"))
                .isEqualTo(AnswerPacking.TRUE);
    }

    @Test
    @DisplayName("send an item's earlier answers from its history in bank terms, oldest first, each with the time it"
            + " was first given, leaving out cleared answers, repeated saves and the final answer; nothing for an"
            + " answer that never changed")
    void earlierAnswersFromTheHistory() {
        Item single = new Item(2, "S1", ObjectiveType.SINGLE_CHOICE, List.of("A", "B", "C", "D"),
                List.of("d", "c", "b", "a"), List.of("C"), null);
        ObjectiveAnswers.BankItem bank = ObjectiveAnswersQuery.bankItem(single);
        List<AnswerHistory.Entry> entries = List.of(
                entry(1, "\"A\"", 1_000), entry(2, "\"A\"", 2_000), entry(3, null, 3_000),
                entry(4, "\"B\"", 4_000), entry(5, "\"C\"", 9_000));
        // Labels A, B, C stand for bank options d, c, b: indices 3, 2, 1 of the sorted options, codes 8, 4, 2.
        assertThat(ObjectiveAnswersQuery.earlier(5, single, bank, 2, entries))
                .isEqualTo(new ObjectiveAnswersQuery.Earlier(5, List.of(8L, 4L), List.of(1_000L, 4_000L)));
        assertThat(ObjectiveAnswersQuery.earlier(5, single, bank, 8, entries.subList(0, 2))).isNull();
        assertThat(ObjectiveAnswersQuery.offset(1_780_000_012_345L, 1_780_000_000_000L)).isEqualTo(123);
    }

    @Test
    @DisplayName("are built on a worker thread: asked on the event loop the query answers, while building there is"
            + " refused")
    void builtOffTheEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SittingStore sittings = fake(SittingStore.class, "sitting", Optional.of(new Sitting("S1", "t", "o", 3,
                    null, 0, 90, 30, 60, "1234", 0, "bank", "{}", 0)));
            RoomStore rooms = fake(RoomStore.class, "seats", List.of());
            AttemptStore attempts = fake(AttemptStore.class, "bySitting", List.of());
            ObjectiveAnswersQuery query = new ObjectiveAnswersQuery(vertx, () -> 1_000L, sittings, rooms, attempts,
                    null);
            CompletableFuture<ObjectiveAnswers> asked = new CompletableFuture<>();
            CompletableFuture<Throwable> builtHere = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                query.of("S1").onComplete(r -> {
                    if (r.succeeded()) {
                        asked.complete(r.result());
                    } else {
                        asked.completeExceptionally(r.cause());
                    }
                });
                try {
                    ObjectiveAnswersQuery.build("S1", 1_000L, 0, 0, Map.of(), List.of(), List.of());
                    builtHere.complete(null);
                } catch (IllegalStateException e) {
                    builtHere.complete(e);
                }
            });
            ObjectiveAnswers body = asked.get(10, TimeUnit.SECONDS);
            assertThat(body.sittingId()).isEqualTo("S1");
            assertThat(body.candidates()).isEmpty();
            assertThat(builtHere.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("never on the event loop");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A store whose {@code method} answers {@code value} and whose every other method fails the test. */
    private static <T> T fake(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                return Future.succeededFuture(value);
            }
            throw new AssertionError("unexpected call " + m.getName());
        }));
    }

    private static AnswerHistory.Entry entry(long seq, String value, long at) {
        return new AnswerHistory.Entry(seq, AnswerHistory.Kind.SAVE, 2, seq, at, "n1", value, null);
    }
}
