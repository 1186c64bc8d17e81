package cn.examcore.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.admission.IdentityChecks;
import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.admission.domain.IdentityCheck;
import cn.examcore.server.admission.store.AdmissionStore;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node reads the setup of the sittings under way when it starts")
class SetupWarmUpTest {

    private static final long NOW = 100L * 24 * 3_600_000;
    private static final long MINUTE = 60_000;

    /** Every read the warm-up made, as "method sittingId". */
    private final List<String> reads = new CopyOnWriteArrayList<>();
    private final List<Sitting> all = new ArrayList<>();
    private final List<String> gateReads = new CopyOnWriteArrayList<>();

    /** T0 {@code t0FromNow} from now, 90 minutes long, check-in 30 minutes before T0. */
    private static Sitting sitting(String id, long t0FromNow) {
        return new Sitting(id, "理论知识", "企业人力资源管理师", 4, Subject.THEORY, NOW + t0FromNow, 90, 30, 60, "123456",
                0, "bank-1", "{}", 1);
    }

    /** A store whose every read is recorded and answers nothing (the warm-up only fills caches). */
    @SuppressWarnings("unchecked")
    private <T> T recording(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("sittings")) {
                return Future.succeededFuture(List.copyOf(all));
            }
            reads.add(method.getName() + " " + args[0]);
            return Future.succeededFuture(method.getName().equals("sitting") ? Optional.empty() : null);
        });
    }

    private final AdmissionStore admission = (AdmissionStore) Proxy.newProxyInstance(
            AdmissionStore.class.getClassLoader(), new Class<?>[] {AdmissionStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("checks")) {
                    gateReads.add((String) args[0]);
                    return Future.succeededFuture(List.<IdentityCheck>of());
                }
                return Future.succeededFuture(Optional.<AdmissionSettings>empty());
            });

    private final SetupWarmUp warmUp = new SetupWarmUp(() -> NOW, recording(SittingStore.class),
            recording(RoomStore.class), recording(RosterStore.class), recording(SittingRulesStore.class),
            new IdentityChecks(null, () -> NOW, null, null, null, null, admission, null, null));

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("Under way: from half an hour before check-in until six hours after the planned end")
    void window() {
        // Check-in opens 30 minutes before T0.
        assertThat(SetupWarmUp.underWay(sitting("s", 59 * MINUTE), NOW)).isTrue();
        assertThat(SetupWarmUp.underWay(sitting("s", 61 * MINUTE), NOW)).isFalse();
        // Ends 90 minutes after T0.
        assertThat(SetupWarmUp.underWay(sitting("s", -(90 + 359) * MINUTE), NOW)).isTrue();
        assertThat(SetupWarmUp.underWay(sitting("s", -(90 + 361) * MINUTE), NOW)).isFalse();
    }

    @Test
    @DisplayName("Everything a seat's login and welcome read, for the sittings under way only; their gates after")
    void readsTheSittingsUnderWay() throws Exception {
        all.add(sitting("running", -10 * MINUTE));
        all.add(sitting("tomorrow", 24 * 60 * MINUTE));
        all.add(sitting("last-week", -7 * 24 * 60 * MINUTE));

        assertThat(await(warmUp.everything())).containsExactly("running");
        assertThat(reads).containsExactlyInAnyOrder("sitting running", "rooms running", "seats running",
                "candidates running", "accommodations running", "rules running");
        assertThat(gateReads).containsExactly("running");

        // The periodic look reads no gate it holds, and the gate of a sitting that came under way since.
        all.add(sitting("afternoon", 40 * MINUTE));
        reads.clear();
        assertThat(await(warmUp.gates())).containsExactlyInAnyOrder("running", "afternoon");
        assertThat(gateReads).containsExactly("running", "afternoon");
        assertThat(reads).isEmpty();
    }
}
