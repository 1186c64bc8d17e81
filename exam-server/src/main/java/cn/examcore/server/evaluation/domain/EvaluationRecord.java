package cn.examcore.server.evaluation.domain;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 一次评价: one candidate's application for one occupation and level, with the outcome of each subject sat in it.
 *
 * @param id       the evaluation id
 * @param kind     first attempt, makeup or competition
 * @param firstDay the first day of any of its sittings
 * @param outcomes the subjects sat, each once (a subject sat again in the same evaluation keeps its latest sitting)
 */
public record EvaluationRecord(String id, ApplicationKind kind, LocalDate firstDay, List<SubjectOutcome> outcomes) {

    public EvaluationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(firstDay, "firstDay");
        Map<Subject, SubjectOutcome> latest = new LinkedHashMap<>();
        outcomes.stream().sorted(Comparator.comparing(SubjectOutcome::sittingDate))
                .forEach(o -> latest.put(o.subject(), o));
        outcomes = List.copyOf(latest.values());
    }

    /** The subject's outcome here, if it was sat. */
    public Optional<SubjectOutcome> outcome(Subject subject) {
        return outcomes.stream().filter(o -> o.subject() == subject).findFirst();
    }

    /** The last day a subject of it was sat, or the first day when none has been. */
    public LocalDate lastDay() {
        return outcomes.stream().map(SubjectOutcome::sittingDate).max(Comparator.naturalOrder()).orElse(firstDay);
    }
}
