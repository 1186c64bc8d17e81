package cn.examcore.server.conduct.domain;

import cn.examcore.server.sitting.roster.IdentityNumbers;

/**
 * 参评人员: who a decision is about. Bans follow the person, so the identity number is what counts; name and
 * ticket are kept so a reader of the record need not look them up.
 *
 * @param idNumber 身份证号 (or a prefixed passport / permit number), normalised by {@link IdentityNumbers}
 * @param name     the candidate's name
 * @param ticket   the admission ticket number of the sitting
 */
public record CandidateIdentity(String idNumber, String name, String ticket) {

    public CandidateIdentity {
        idNumber = validIdNumber("candidate.idNumber", idNumber);
        name = DecisionException.requireText("candidate.name", name);
        ticket = DecisionException.requireText("candidate.ticket", ticket);
    }

    /** The normalised identity number, or a {@link DecisionException} naming {@code field}. */
    public static String validIdNumber(String field, String idNumber) {
        String id = IdentityNumbers.normalise(idNumber);
        IdentityNumbers.problem(id).ifPresent(p -> {
            throw new DecisionException(field, p);
        });
        return id;
    }
}
