package cn.examcore.server.publication.domain;

/**
 * A person's place on the roster of a released sitting, as the results lookup finds it by ID number.
 *
 * @param sittingId the released sitting
 * @param ticket    the admission ticket there
 * @param name      the name on the roster
 */
public record Enrolment(String sittingId, String ticket, String name) {
}
