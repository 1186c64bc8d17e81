package cn.examcore.server.conduct.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * 禁考名册: every ban ever recorded, keyed by identity number across occupations and evaluation bodies. Append-only:
 * a ban is never edited or deleted, only lifted by a further record.
 */
public interface BanRegistry {

    /** The bans running on {@code on} for this person (not lifted), soonest-ending first. */
    List<Ban> activeBans(String idNumber, LocalDate on);

    /**
     * Records a ban. Recording the same ban again is harmless; a different ban under a decision id already used
     * is refused.
     */
    void record(Ban ban);

    /** Lifts the ban of a decision; refused when no ban of that decision is on record. */
    void lift(BanLift lift);

    /** Every ban and lift of this person, in the order recorded (the audit trail). */
    List<BanRecord> history(String idNumber);
}
