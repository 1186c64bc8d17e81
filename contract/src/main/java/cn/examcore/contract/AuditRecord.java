package cn.examcore.contract;

/**
 * 操作记录: one state change a person made (who, when, what), stored and published on {@link Addresses#AUDIT}.
 *
 * @param id        unique id
 * @param at        server time (epoch ms)
 * @param actor     staff user name (or "candidate:TICKET" for a candidate's own submission)
 * @param action    e.g. "sitting.create", "seat.pause"
 * @param sittingId the sitting concerned, may be null
 * @param target    seat code, attempt id or other object concerned, may be null
 * @param detail    a short JSON text of the parameters
 */
public record AuditRecord(String id, long at, String actor, String action, String sittingId, String target,
                          String detail) {
}
