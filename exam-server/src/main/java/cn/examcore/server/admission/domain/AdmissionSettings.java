package cn.examcore.server.admission.domain;

/**
 * How a sitting handles admission tickets and identity at the seat, as its body (评价机构) decided.
 *
 * @param sittingId           the sitting
 * @param siteName            the evaluation site (考点) printed on the ticket
 * @param siteAddress         its address
 * @param ticketsOpenAt       from when candidates may download their ticket (epoch ms)
 * @param identityRequired    a seat receives the key only once the candidate's identity was confirmed (身份核验)
 * @param chargeIdentityDelay whether the time a seat waited for a late confirmation counts against the candidate;
 *                            when false the candidate's clock starts at the confirmation instead
 */
public record AdmissionSettings(String sittingId, String siteName, String siteAddress, long ticketsOpenAt,
                                boolean identityRequired, boolean chargeIdentityDelay) {

    /** Until an administrator says otherwise: tickets a week before T0, no identity gate. */
    public static AdmissionSettings defaults(String sittingId, long t0) {
        return new AdmissionSettings(sittingId, "", "", t0 - DEFAULT_OPEN_BEFORE_MILLIS, false, true);
    }

    /** Seven days: the notices publish tickets about a week (five working days) before the sitting. */
    public static final long DEFAULT_OPEN_BEFORE_MILLIS = 7L * 24 * 3600 * 1000;
}
