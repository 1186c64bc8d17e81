package cn.examcore.server.sitting.roster;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.util.List;

/**
 * One candidate (考生) of a sitting's roster, as imported and validated.
 *
 * @param ticket   admission-ticket number (准考证号), unique within the roster
 * @param idNumber identity document: an 18-character PRC resident ID (身份证号, upper-case X), or a prefixed
 *                 other document such as {@code P:E12345678} (see {@link IdentityNumbers})
 * @param name     the candidate's name (姓名)
 * @param room     the room (考场) name or number
 * @param seat     the seat (座位号) within the room
 * @param subjects the subjects (科目) the candidate sits, in the order given, no duplicates
 * @param photoRef reference of the candidate's photo (照片), or null
 * @param evaluation  the evaluation id (评价编号); the ticket when the roster has no such column
 * @param body        the evaluation body (评价机构), or null for the default
 * @param application the application kind (申报类型), FIRST when the roster has no such column
 * @param extraPercent approved extra time in percent of the paper's time (照顾延时), 0 for none
 * @param extraMinutes approved extra time in minutes, 0 for none
 * @param approvedBy   who approved the extra time, null when none is granted
 */
public record RosterEntry(String ticket, String idNumber, String name, String room, String seat,
                          List<Subject> subjects, String photoRef, String evaluation, String body,
                          ApplicationKind application, int extraPercent, int extraMinutes, String approvedBy) {

    public RosterEntry {
        subjects = List.copyOf(subjects);
    }

    /** A row without evaluation columns or extra time: its own first-attempt evaluation named by the ticket. */
    public RosterEntry(String ticket, String idNumber, String name, String room, String seat,
                       List<Subject> subjects, String photoRef) {
        this(ticket, idNumber, name, room, seat, subjects, photoRef, ticket, null, ApplicationKind.FIRST);
    }

    /** A row of an evaluation, without extra time. */
    public RosterEntry(String ticket, String idNumber, String name, String room, String seat,
                       List<Subject> subjects, String photoRef, String evaluation, String body,
                       ApplicationKind application) {
        this(ticket, idNumber, name, room, seat, subjects, photoRef, evaluation, body, application, 0, 0, null);
    }

    /** A row with extra time, its own first-attempt evaluation named by the ticket. */
    public RosterEntry(String ticket, String idNumber, String name, String room, String seat,
                       List<Subject> subjects, String photoRef, int extraPercent, int extraMinutes,
                       String approvedBy) {
        this(ticket, idNumber, name, room, seat, subjects, photoRef, ticket, null, ApplicationKind.FIRST,
                extraPercent, extraMinutes, approvedBy);
    }

    /** True when the row grants extra time. */
    public boolean accommodated() {
        return extraPercent > 0 || extraMinutes > 0;
    }
}
