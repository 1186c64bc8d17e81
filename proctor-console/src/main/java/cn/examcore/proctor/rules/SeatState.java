package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * 考位状态: the state machine of one seat: the facts every rule shares (attempt, reminders, leave permission, pause,
 * submission), one instance of each rule, and what was already proposed (so nothing is proposed twice). When a
 * different attempt appears at the seat, everything starts afresh: a reminder belongs to the candidate reminded.
 */
final class SeatState implements SeatView {

    private final String sittingId;
    private final String seatCode;
    private final RulesConfig config;
    private final List<Function<RulesConfig, Rule>> factories;

    private String attemptId;
    private boolean submitted;
    private boolean paused;
    private long excusedUntil;
    private List<Rule> rules;
    private final List<Reminder> reminders = new ArrayList<>();
    private final Map<String, Evidence> acknowledgements = new HashMap<>();
    private final Map<MisconductCode, OpenFlag> flags = new EnumMap<>(MisconductCode.class);
    private final Set<MisconductCode> suggested = EnumSet.noneOf(MisconductCode.class);

    SeatState(String sittingId, String seatCode, RulesConfig config, List<Function<RulesConfig, Rule>> factories) {
        this.sittingId = sittingId;
        this.seatCode = seatCode;
        this.config = config;
        this.factories = factories;
        reset(null);
    }

    private void reset(String newAttemptId) {
        attemptId = newAttemptId;
        submitted = false;
        paused = false;
        excusedUntil = Long.MIN_VALUE;
        reminders.clear();
        acknowledgements.clear();
        flags.clear();
        suggested.clear();
        rules = factories.stream().map(f -> f.apply(config)).toList();
    }

    void onTime(long now, List<RuleOutput> out) {
        for (Rule rule : rules) {
            rule.onTime(now, this, finding -> route(finding, rule.name(), now, out));
        }
    }

    void onEvent(SeatEvent e, List<RuleOutput> out) {
        if (e.attemptId() != null && attemptId != null && !attemptId.equals(e.attemptId())) {
            reset(e.attemptId());
        } else if (e.attemptId() != null) {
            attemptId = e.attemptId();
        }
        recordSharedFacts(e);
        for (Rule rule : rules) {
            rule.onEvent(e, this, finding -> route(finding, rule.name(), e.at(), out));
        }
    }

    private void recordSharedFacts(SeatEvent e) {
        switch (e.kind()) {
            case REMINDED -> {
                EventDetail.Reminded r = (EventDetail.Reminded) e.detail();
                reminders.add(new Reminder(e.id(), e.at(), r.category(), r.by(), r.message()));
            }
            case REMINDER_ACKNOWLEDGED -> acknowledgements.putIfAbsent(
                    ((EventDetail.ReminderAcknowledged) e.detail()).reminderId(), Evidence.of(e));
            case LEAVE_PERMITTED -> excusedUntil = Math.max(excusedUntil,
                    ((EventDetail.LeavePermitted) e.detail()).until() + config.leavePermissionGraceSeconds() * 1000L);
            case PAUSED -> paused = true;
            case RESUMED -> {
                // the pause excused everything up to now; absence is measured from the resumption
                paused = false;
                excusedUntil = Math.max(excusedUntil, e.at());
            }
            case SUBMITTED, AUTO_SUBMITTED, FORCE_SUBMITTED -> submitted = true;
            default -> {
                // not a shared fact
            }
        }
    }

    /**
     * The one place findings become outputs. Tier A becomes a flag only with a covering reminder recorded strictly
     * before the behaviour, whatever the rule reported; otherwise it becomes one suggestion to remind.
     */
    private void route(Finding f, String rule, long now, List<RuleOutput> out) {
        List<Evidence> evidence = new ArrayList<>(f.evidence());
        List<Message> explanation = new ArrayList<>(f.explanation());
        if (f.category().remindable()) {
            Optional<Reminder> reminder = reminders.stream()
                    .filter(r -> r.covers(f.category()) && r.at() < f.behaviourAt()).findFirst();
            if (reminder.isEmpty()) {
                suggest(f, rule, now, out);
                return;
            }
            Reminder r = reminder.get();
            evidence.add(r.evidence());
            Evidence ack = acknowledgements.get(r.eventId());
            if (ack != null && ack.at() < f.behaviourAt()) {
                evidence.add(ack);
            }
            explanation.add(r.category() == null
                    ? Message.of(MessageKey.CONTINUED_AFTER_GENERAL_REMINDER, "remindedAt", r.at())
                    : Message.of(MessageKey.CONTINUED_AFTER_REMINDER, "remindedAt", r.at(),
                    "category", r.category().name()));
            if (ack != null) {
                explanation.add(Message.of(MessageKey.REMINDER_ACKNOWLEDGED));
            }
        }
        List<Evidence> sorted = sortedDistinct(evidence);
        OpenFlag open = flags.get(f.category());
        if (open == null) {
            String id = id("flag", f.category(), sorted.get(0).eventId());
            flags.put(f.category(), new OpenFlag(id, f.severity(), new LinkedHashSet<>(
                    sorted.stream().map(Evidence::eventId).toList())));
            out.add(new ProposedFlag(id, sittingId, seatCode, attemptId, f.category(), f.category().tier(),
                    f.severity(), sorted, Explanation.of(explanation), rule, now));
            return;
        }
        List<Evidence> added = sorted.stream().filter(x -> !open.evidenceIds.contains(x.eventId())).toList();
        Severity before = open.severity;
        if (f.category().tier() == Tier.C && f.severity() == Severity.SERIOUS) {
            open.severity = Severity.SERIOUS;
        }
        if (added.isEmpty() && before == open.severity) {
            return;
        }
        added.forEach(x -> open.evidenceIds.add(x.eventId()));
        out.add(new FlagEvidenceAdded(open.id, sittingId, seatCode, attemptId, f.category(), open.severity, added,
                Explanation.of(explanation), rule, now));
    }

    private void suggest(Finding f, String rule, long now, List<RuleOutput> out) {
        // one pending suggestion per category: the candidate has not been told yet, so repeating the same
        // behaviour adds nothing the proctor must act on beyond the reminder already suggested
        if (!suggested.add(f.category())) {
            return;
        }
        List<Evidence> sorted = sortedDistinct(f.evidence());
        out.add(new Suggestion(id("remind", f.category(), sorted.get(0).eventId()), Suggestion.Action.REMIND,
                sittingId, seatCode, attemptId, f.category(), sorted, Explanation.of(f.explanation())
                .plus(List.of(Message.of(MessageKey.REMIND_FIRST, "category", f.category().name()))), rule, now));
    }

    private String id(String what, MisconductCode category, String firstEvidenceId) {
        String name = String.join("\n", what, sittingId, seatCode, category.name(), firstEvidenceId);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static List<Evidence> sortedDistinct(List<Evidence> evidence) {
        Map<String, Evidence> byId = new HashMap<>();
        evidence.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        return byId.values().stream().sorted(Evidence.CHRONOLOGICAL).toList();
    }

    @Override
    public String sittingId() {
        return sittingId;
    }

    @Override
    public String seatCode() {
        return seatCode;
    }

    @Override
    public String attemptId() {
        return attemptId;
    }

    @Override
    public boolean attemptOpen() {
        return attemptId != null && !submitted;
    }

    @Override
    public Optional<Reminder> reminderFor(MisconductCode category) {
        return reminders.stream().filter(r -> r.covers(category)).findFirst();
    }

    @Override
    public long leaveExcusedUntil() {
        return paused ? Long.MAX_VALUE : excusedUntil;
    }

    /** A flag already proposed at this seat. */
    private static final class OpenFlag {
        final String id;
        Severity severity;
        final Set<String> evidenceIds;

        OpenFlag(String id, Severity severity, Set<String> evidenceIds) {
            this.id = id;
            this.severity = severity;
            this.evidenceIds = evidenceIds;
        }
    }
}
