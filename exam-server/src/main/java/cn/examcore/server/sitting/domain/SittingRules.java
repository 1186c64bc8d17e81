package cn.examcore.server.sitting.domain;

/**
 * 考场规则: the rules of one sitting that the server enforces at the seats. A rule of 0 minutes is off.
 *
 * @param sittingId             the sitting
 * @param lateEntryMinutes      迟到时限: how long after the start a candidate who has never logged in may still log
 *                              in; later they are refused and recorded absent
 * @param earliestSubmitMinutes 最早交卷: how long after the start a candidate may first submit
 * @param rulesVersion          the version of the candidate rules text (考生守则) the candidates acknowledge
 * @param offlineWindowMinutes  离线答卷时限: how long after a seat's deadline a proctor may upload the seat's offline
 *                              answer file; 0 takes no offline files
 * @param updatedBy             who set these rules last ("" for the defaults)
 * @param updatedAt             when (epoch ms, 0 for the defaults)
 */
public record SittingRules(String sittingId, int lateEntryMinutes, int earliestSubmitMinutes, String rulesVersion,
                           int offlineWindowMinutes, String updatedBy, long updatedAt) {

    /** Longest cutoff either rule may have: a sitting day. */
    public static final int MAX_MINUTES = 480;
    /**
     * The versions of the candidate rules text the candidate page holds (its messages' rules.* text, RULES_VERSION in
     * its app.js): a sitting may only name one of these, since the page shows that text and the acknowledgement
     * records it.
     */
    public static final java.util.Set<String> TEXT_VERSIONS = java.util.Set.of("2025-1");
    /** The rules text version when an administrator has set none: the page's current text. */
    public static final String DEFAULT_VERSION = "2025-1";
    /** The offline window of a sitting nobody has configured: long enough to walk a USB stick to the console. */
    public static final int DEFAULT_OFFLINE_WINDOW_MINUTES = 30;

    public SittingRules {
        if (lateEntryMinutes < 0 || lateEntryMinutes > MAX_MINUTES) {
            throw new IllegalArgumentException("lateEntryMinutes must be 0.." + MAX_MINUTES);
        }
        if (earliestSubmitMinutes < 0 || earliestSubmitMinutes > MAX_MINUTES) {
            throw new IllegalArgumentException("earliestSubmitMinutes must be 0.." + MAX_MINUTES);
        }
        if (offlineWindowMinutes < 0 || offlineWindowMinutes > MAX_MINUTES) {
            throw new IllegalArgumentException("offlineWindowMinutes must be 0.." + MAX_MINUTES);
        }
        rulesVersion = rulesVersion == null || rulesVersion.isBlank() ? DEFAULT_VERSION : rulesVersion;
        updatedBy = updatedBy == null ? "" : updatedBy;
    }

    /**
     * The rules of a sitting nobody has configured: no cutoff, no earliest submission, offline files taken for
     * {@value #DEFAULT_OFFLINE_WINDOW_MINUTES} minutes after a deadline.
     */
    public static SittingRules none(String sittingId) {
        return new SittingRules(sittingId, 0, 0, DEFAULT_VERSION, DEFAULT_OFFLINE_WINDOW_MINUTES, "", 0);
    }

    /** The last moment an offline file is taken for a seat whose deadline was {@code deadline}; a window of 0 is none. */
    public long offlineUploadClosesAt(long deadline) {
        return offlineWindowMinutes == 0 ? Long.MIN_VALUE : deadline + offlineWindowMinutes * 60_000L;
    }

    /** The last moment a first login is taken, for a clock started at {@code startAt}; MAX_VALUE when no rule. */
    public long lateEntryClosesAt(long startAt) {
        return lateEntryMinutes == 0 ? Long.MAX_VALUE : startAt + lateEntryMinutes * 60_000L;
    }

    /** The first moment a candidate may submit, for a clock started at {@code startAt}. */
    public long submitOpensAt(long startAt) {
        return startAt + earliestSubmitMinutes * 60_000L;
    }
}
