package cn.examcore.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A room's attempts read by key from the roster")
class RoomAttemptsTest {

    private static final String S = "s1";

    private static Candidate candidate(String ticket, String seat, Subject... subjects) {
        return new Candidate(S, ticket, "310101199001011234", "考生" + ticket, seat, Set.of(subjects), "");
    }

    private static Attempt attempt(String ticket, String seat) {
        return Attempt.create(PaperService.attemptId(S, ticket, "THEORY"), S, ticket, "THEORY", seat, 0, 3600);
    }

    /** The attempts by id, and every id the lookup asked for. */
    private static AttemptStore attempts(Map<String, Attempt> byId, List<String> asked) {
        return (AttemptStore) Proxy.newProxyInstance(AttemptStore.class.getClassLoader(),
                new Class<?>[] {AttemptStore.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("getEach")) {
                        throw new AssertionError("a room is read by key, not by " + m.getName());
                    }
                    @SuppressWarnings("unchecked")
                    Collection<String> ids = (Collection<String>) args[0];
                    asked.addAll(ids);
                    return Future.succeededFuture(ids.stream().filter(byId::containsKey).map(byId::get).toList());
                });
    }

    @Test
    @DisplayName("asks for the attempts of the roster's candidates at those seats who sit the sitting's subject, and"
            + " lists an attempt only at a seat asked for")
    void keysFromTheRoster() {
        Attempt a1 = attempt("T1", "R1-01");
        Attempt a2 = attempt("T2", "R1-02");
        // T3 sat at R1-03; its attempt has already moved to R2-01, the roster not yet.
        Attempt a3 = attempt("T3", "R2-01");
        Attempt a5 = attempt("T5", "R2-02");
        List<String> asked = new ArrayList<>();
        RosterStore roster = SeatListReadsTest.answering(RosterStore.class, "candidates", List.of(
                candidate("T1", "R1-01", Subject.THEORY),
                candidate("T2", "R1-02", Subject.THEORY, Subject.OPERATION),
                candidate("T3", "R1-03", Subject.THEORY),
                candidate("T4", "R1-04", Subject.OPERATION),
                candidate("T5", "R2-02", Subject.THEORY)));
        RoomAttempts room = new RoomAttempts(SeatListReadsTest.answering(SittingStore.class, "sitting",
                Optional.of(SeatListReadsTest.SITTING)), roster, attempts(Map.of(a1.id(), a1, a2.id(), a2,
                a3.id(), a3, a5.id(), a5), asked));

        List<Attempt> found = room.at(S, Set.of("R1-01", "R1-02", "R1-03", "R1-04", "R1-05")).result();

        assertThat(found).containsExactlyInAnyOrder(a1, a2);
        assertThat(asked).as("T4 does not sit THEORY; T5 is in another room")
                .containsExactlyInAnyOrder(a1.id(), a2.id(), a3.id());
    }

    @Test
    @DisplayName("reads nothing for no seats or an unknown sitting")
    void nothingToRead() {
        List<String> asked = new ArrayList<>();
        RosterStore roster = SeatListReadsTest.answering(RosterStore.class, "candidates",
                List.of(candidate("T1", "R1-01", Subject.THEORY)));
        RoomAttempts unknown = new RoomAttempts(SeatListReadsTest.answering(SittingStore.class, "sitting",
                Optional.empty()), roster, attempts(Map.of(), asked));

        assertThat(unknown.at(S, Set.of("R1-01")).result()).isEmpty();
        assertThat(unknown.at(S, Set.of()).result()).isEmpty();
        assertThat(asked).isEmpty();
    }
}
