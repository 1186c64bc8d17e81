package cn.examcore.server.conduct.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A {@link BanRegistry} in memory, for tests and a single node until a durable store exists. */
public final class InMemoryBanRegistry implements BanRegistry {

    private final Map<String, Ban> bansByDecision = new LinkedHashMap<>();
    private final Map<String, BanLift> liftsByDecision = new HashMap<>();
    private final Map<String, List<BanRecord>> historyByPerson = new HashMap<>();

    @Override
    public synchronized List<Ban> activeBans(String idNumber, LocalDate on) {
        String id = CandidateIdentity.validIdNumber("idNumber", idNumber);
        DecisionException.require("on", on);
        return bansByDecision.values().stream()
                .filter(b -> b.idNumber().equals(id))
                .filter(b -> !liftsByDecision.containsKey(b.decisionId()))
                .filter(b -> b.activeOn(on))
                .sorted(Comparator.comparing(Ban::until).thenComparing(Ban::decisionId))
                .toList();
    }

    @Override
    public synchronized void record(Ban ban) {
        Objects.requireNonNull(ban, "ban");
        Ban existing = bansByDecision.get(ban.decisionId());
        if (existing != null) {
            if (existing.equals(ban)) {
                return;
            }
            throw new DecisionException("ban.decisionId", "decision " + ban.decisionId()
                    + " already has a different ban on record (" + existing.describe() + ")");
        }
        bansByDecision.put(ban.decisionId(), ban);
        historyByPerson.computeIfAbsent(ban.idNumber(), k -> new ArrayList<>()).add(ban);
    }

    @Override
    public synchronized void lift(BanLift lift) {
        Objects.requireNonNull(lift, "lift");
        Ban ban = bansByDecision.get(lift.decisionId());
        if (ban == null) {
            throw new DecisionException("lift.decisionId", "no ban of decision " + lift.decisionId()
                    + " is on record");
        }
        if (liftsByDecision.containsKey(lift.decisionId())) {
            throw new DecisionException("lift.decisionId", "the ban of decision " + lift.decisionId()
                    + " was already lifted");
        }
        liftsByDecision.put(lift.decisionId(), lift);
        historyByPerson.get(ban.idNumber()).add(lift);
    }

    @Override
    public synchronized List<BanRecord> history(String idNumber) {
        String id = CandidateIdentity.validIdNumber("idNumber", idNumber);
        return List.copyOf(historyByPerson.getOrDefault(id, List.of()));
    }
}
