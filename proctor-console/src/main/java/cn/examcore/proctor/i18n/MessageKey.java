package cn.examcore.proctor.i18n;

/**
 * Every sentence the rules engine can say to a proctor, by key. The texts (zh-CN and English) are in the console's
 * catalogue {@code webroot/console/explanations.json} under the constant's name, read by
 * {@link cn.examcore.proctor.i18n.Catalog} on the server and by the page; {@code CatalogTest} fails when a key
 * lacks a text in either language. Placeholders: {@code {name}}, {@code {name,time}} (epoch ms shown in the
 * sitting's zone), {@code {name,category}} (a category code with its name), {@code {name,list}} (a list of codes),
 * {@code {name,kind}} / {@code {name,kinds}} (event kinds by their labels).
 */
public enum MessageKey {
    /** B1: a device kind reported while an attempt is open. Params: kind. */
    DEVICE_REPORTED,
    /** B1: focus lost near device evidence. Params: seconds, kinds. */
    DEVICE_WITH_FOCUS_LOSS,
    /** C4: identity check failed. No params. */
    IDENTITY_MISMATCH,
    /** A proctor recorded an incident. Params: by, category. */
    INCIDENT_RECORDED_BY,
    /** A2: away without leave. Params: seconds, kinds. */
    AWAY_FROM_SEAT,
    /** A2 after a reminder, the absence going on. Params: seconds. */
    STILL_AWAY_AFTER_REMINDER,
    /** A2 after a reminder, a new absence. No params. */
    AWAY_AGAIN_AFTER_REMINDER,
    /** A4: focus losses within the window. Params: count, seconds. */
    FOCUS_LOSSES_WITHIN,
    /** A4: focus losses after the reminder. Params: count. */
    FOCUS_LOSSES_AFTER_REMINDER,
    /** A4: pastes within the window. Params: count, seconds. */
    PASTES_WITHIN,
    /** A4: pastes after the reminder. Params: count. */
    PASTES_AFTER_REMINDER,
    /** A2: login at another seat. Params: terminalSeat, assignedSeat. */
    WRONG_SEAT,
    /** A free-text detail of the event: label, reason or note. Params: text. */
    DETAIL,
    /** Tier A: the behaviour continued after a reminder about the category. Params: remindedAt, category. */
    CONTINUED_AFTER_REMINDER,
    /** Tier A: the behaviour continued after a general reminder. Params: remindedAt. */
    CONTINUED_AFTER_GENERAL_REMINDER,
    /** The candidate acknowledged the reminder. No params. */
    REMINDER_ACKNOWLEDGED,
    /** Tier A without a reminder yet: remind first. Params: category. */
    REMIND_FIRST,
    /** B2 (similarity detector): a pair's identical wrong answers. Params: seatA, seatB, identical, expected, p. */
    SIMILAR_PAIR,
    /** C5 (similarity detector): a group's shared wrong answers. Params: count, seats, identical, expected, p. */
    SIMILAR_GROUP,
    /** Similarity detector: the seats involved touch. No params. */
    SIMILAR_NEIGHBOURS,
    /** Similarity detector: answers cannot tell who copied; a proposal, not a verdict. No params. */
    SIMILAR_NOT_A_VERDICT
}
