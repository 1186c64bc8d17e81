package cn.examcore.server.marking.domain;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * 评阅方案: how one sitting is marked, set when its marking opens.
 *
 * @param sittingId         the sitting
 * @param markers           the markers (role MARKER) scripts are allocated to, at least two
 * @param tolerancePercent  the default tolerance, per cent of an item's points (15 unless declared)
 * @param sectionTolerances per blueprint section id, its tolerance in per cent
 * @param itemTolerances    per bank item id, its tolerance in per cent (stronger than its section's)
 * @param rule              how an arbitrated script's final score is decided
 * @param openedBy          the chief marker who opened it
 * @param openedAt          when
 */
public record MarkingPlan(String sittingId, List<String> markers, BigDecimal tolerancePercent,
                          Map<String, BigDecimal> sectionTolerances, Map<String, BigDecimal> itemTolerances,
                          ArbitrationRule rule, String openedBy, long openedAt) {

    /** The tolerance when none is declared: 15 % of the item's points. */
    public static final BigDecimal DEFAULT_TOLERANCE_PERCENT = BigDecimal.valueOf(15);

    public MarkingPlan {
        Objects.requireNonNull(sittingId, "sittingId");
        markers = List.copyOf(markers);
        sectionTolerances = Map.copyOf(sectionTolerances);
        itemTolerances = Map.copyOf(itemTolerances);
        Objects.requireNonNull(rule, "rule");
        checkPercent("tolerancePercent", tolerancePercent);
        sectionTolerances.forEach((k, v) -> checkPercent("sectionTolerances." + k, v));
        itemTolerances.forEach((k, v) -> checkPercent("itemTolerances." + k, v));
        if (markers.size() < 2) {
            throw ExamException.field(ErrorType.BAD_VALUE, "markers", "double marking needs at least two markers, got "
                    + markers.size());
        }
        if (markers.stream().distinct().count() != markers.size()) {
            throw ExamException.field(ErrorType.BAD_VALUE, "markers", "a marker is listed twice");
        }
    }

    private static void checkPercent(String field, BigDecimal v) {
        if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ExamException.field(ErrorType.BAD_VALUE, field, field + " must be a percentage from 0 to 100");
        }
    }

    /** The tolerance in per cent of an item: its own, else its section's, else the default. */
    public BigDecimal percentFor(String itemId, String sectionId) {
        BigDecimal p = itemTolerances.get(itemId);
        if (p == null) {
            p = sectionTolerances.get(sectionId);
        }
        return p == null ? tolerancePercent : p;
    }
}
