package cn.examcore.contract;

import java.util.List;

/** The bodies of check-in (签到): terminal enrolment and candidate login (docs/candidate-protocol.md §1–2). */
public final class CheckIn {

    private CheckIn() {
    }

    /**
     * A terminal enrolled to its seat ({@code POST /api/terminal/enrol}).
     *
     * @param terminalToken the terminal's token, for the logins at this seat
     * @param seatCode      the seat
     * @param roomName      its room
     * @param sittingTitle  the sitting the seat was matched in
     */
    public record Enrolment(String terminalToken, String seatCode, String roomName, String sittingTitle) {
    }

    /**
     * A candidate admitted at the seat ({@code POST /api/candidate/login}).
     *
     * @param token      the candidate token (header {@code Authorization: Bearer …} and the seat socket)
     * @param attemptId  the candidate's attempt
     * @param candidate  who logged in
     * @param sitting    the sitting as the page shows it
     * @param serverNow  server time (epoch ms)
     * @param socketUrls the nodes' socket origins the page fails over between; empty: its own origin
     */
    public record Admission(String token, String attemptId, Person candidate, SittingInfo sitting, long serverNow,
                            List<String> socketUrls) {
    }

    /** The admitted candidate's name and admission ticket (准考证号). */
    public record Person(String name, String ticket) {
    }

    /**
     * The sitting as the candidate page shows it before the start.
     *
     * @param id              the sitting
     * @param title           its title
     * @param occupation      the occupation (职业)
     * @param level           the level (等级)
     * @param subject         THEORY or OPERATION
     * @param t0              this attempt's start (epoch ms)
     * @param durationSeconds the paper's time
     * @param checkInOpensAt  when check-in opened (epoch ms)
     * @param rulesVersion    the version of the candidate rules text (考生守则) the sitting has the candidates
     *                        acknowledge: the page shows that text and acknowledges that version
     */
    public record SittingInfo(String id, String title, String occupation, int level, String subject, long t0,
                              long durationSeconds, long checkInOpensAt, String rulesVersion) {
    }
}
