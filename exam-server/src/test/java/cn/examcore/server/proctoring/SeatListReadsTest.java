package cn.examcore.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.ProctorRooms.SeatAttempt;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node answers a bounded number of seat-list reads at once and refuses the surplus as busy, not queued. */
class SeatListReadsTest {

    static final Sitting SITTING = new Sitting("s1", "理论", "企业人力资源管理师", 4, Subject.THEORY,
            1_700_000_000_000L, 90, 30, 60, "123456", 0, null, null, 0);

    static <T> T answering(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                return Future.succeededFuture(value);
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    @Test
    void surplusReadsAreRefusedAsBusyUntilOneFinishes() {
        List<Promise<List<Attempt>>> held = new ArrayList<>();
        AttemptStore store = (AttemptStore) Proxy.newProxyInstance(AttemptStore.class.getClassLoader(),
                new Class<?>[] {AttemptStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("bySitting") || method.getName().equals("getEach")) {
                        Promise<List<Attempt>> p = Promise.promise();
                        held.add(p);
                        return p.future();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        RosterStore roster = answering(RosterStore.class, "candidates", List.of(
                new Candidate("s1", "T-1", "310101199001011234", "张三", "R1-01", Set.of(Subject.THEORY), ""),
                new Candidate("s1", "T-2", "310101199001015678", "李四", "R1-02", Set.of(Subject.THEORY), "")));
        RoomsQuery rooms = new RoomsQuery(() -> 1_000L, answering(SittingStore.class, "sitting",
                Optional.of(SITTING)), null, roster, null, store);
        List<Future<List<SeatAttempt>>> reads = new ArrayList<>();
        for (int i = 0; i < RoomsQuery.MAX_SEAT_LIST_READS; i++) {
            reads.add(i % 2 == 0 ? rooms.seatAttempts("s1", SeatScope.wholeSitting())
                    : rooms.seatAttempts("s1", SeatScope.seats(Set.of("R1-01"))));
        }

        Future<List<SeatAttempt>> surplus = rooms.seatAttempts("s1", SeatScope.seats(Set.of("R1-02")));

        assertThat(reads).noneMatch(Future::isComplete);
        assertThat(held).hasSize(RoomsQuery.MAX_SEAT_LIST_READS);
        assertThat(surplus.failed()).isTrue();
        assertThat(surplus.cause()).isInstanceOfSatisfying(ExamException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.RETRY));

        Attempt a = Attempt.create(PaperService.attemptId("s1", "T-1", "THEORY"), "s1", "T-1", "THEORY", "R1-01", 0,
                3600);
        held.get(1).complete(List.of(a));
        assertThat(reads.get(1).result()).extracting(SeatAttempt::seatCode).containsExactly("R1-01");
        Future<List<SeatAttempt>> next = rooms.seatAttempts("s1", SeatScope.wholeSitting());
        assertThat(next.isComplete()).as("a finished read frees a place").isFalse();
        assertThat(held).hasSize(RoomsQuery.MAX_SEAT_LIST_READS + 1);
    }
}
