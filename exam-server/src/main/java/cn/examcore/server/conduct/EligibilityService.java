package cn.examcore.server.conduct;

import cn.examcore.server.conduct.domain.Application;
import cn.examcore.server.conduct.domain.BanOnRecord;
import cn.examcore.server.conduct.domain.EligibilityCheck;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.conduct.store.BanStore;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * 禁考核查 at roster import: whether each person of a roster may sit, judged by {@link EligibilityCheck} on the bans
 * the registry holds for them (one read of the store per roster).
 */
public final class EligibilityService {

    private final BanStore bans;
    private final LongSupplier clock;

    public EligibilityService(BanStore bans, LongSupplier clock) {
        this.bans = bans;
        this.clock = clock;
    }

    /**
     * For each identity number, in order, null when the person may sit, else why not (naming every ban that runs
     * on the sitting date or today, with its decision). Bans follow the person, so the occupation and level of the
     * sitting do not matter.
     */
    public Future<List<String>> eligibility(Sitting sitting, List<String> idNumbers) {
        List<String> normalised = idNumbers.stream().map(IdentityNumbers::normalise).toList();
        LocalDate sittingDay = SanctionPolicy.dateOf(Instant.ofEpochMilli(sitting.t0()));
        LocalDate today = SanctionPolicy.dateOf(Instant.ofEpochMilli(clock.getAsLong()));
        return bans.bansOf(new HashSet<>(normalised)).map(onRecord -> {
            Map<String, List<BanOnRecord>> byPerson = new HashMap<>();
            onRecord.forEach(b -> byPerson.computeIfAbsent(b.ban().idNumber(), k -> new ArrayList<>()).add(b));
            List<String> out = new ArrayList<>(normalised.size());
            for (String id : normalised) {
                String why = null;
                List<BanOnRecord> theirs = byPerson.getOrDefault(id, List.of());
                if (!theirs.isEmpty() && IdentityNumbers.problem(id).isEmpty()) {
                    for (LocalDate day : today.isBefore(sittingDay) ? List.of(today, sittingDay) : List.of(sittingDay)) {
                        EligibilityCheck.Result r = EligibilityCheck.check(new Application(id, sitting.occupation(),
                                Math.max(1, Math.min(5, sitting.level())), day), theirs);
                        if (!r.eligible()) {
                            why = r.reason();
                            break;
                        }
                    }
                }
                out.add(why);
            }
            return out;
        });
    }
}
