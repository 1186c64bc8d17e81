package cn.examcore.server.admission.domain;

import java.util.List;

/**
 * What one admission ticket (准考证) shows, ready to print: no lookup is left to the renderer.
 *
 * @param ticket     the ticket number, also encoded in the QR code
 * @param name       the candidate's name
 * @param maskedId   the ID number with its middle hidden ({@link IdNumberMask})
 * @param occupation 职业
 * @param level      等级 in words, e.g. 四级/中级工
 * @param photo      the candidate's photo, or null when none was imported
 * @param sessions   each subject the candidate sits: when, where, which room and seat
 * @param rules      the candidate rules, one line each
 */
public record TicketSheet(String ticket, String name, String maskedId, String occupation, String level, Photo photo,
                          List<Session> sessions, List<String> rules) {

    public TicketSheet {
        sessions = List.copyOf(sessions);
        rules = List.copyOf(rules);
    }

    /**
     * The photo to print.
     *
     * @param mediaType image/jpeg or image/png
     * @param bytes     the image file
     */
    public record Photo(String mediaType, byte[] bytes) {
    }

    /**
     * One subject's sitting on the ticket.
     *
     * @param subject     科目, e.g. 理论知识
     * @param date        e.g. 2026-04-25
     * @param time        e.g. 09:00–10:30
     * @param siteName    the evaluation site (考点)
     * @param siteAddress its address
     * @param room        考场
     * @param seat        座位号
     */
    public record Session(String subject, String date, String time, String siteName, String siteAddress, String room,
                          String seat) {
    }
}
