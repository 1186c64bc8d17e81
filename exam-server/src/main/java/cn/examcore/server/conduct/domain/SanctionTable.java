package cn.examcore.server.conduct.domain;

/**
 * 处理标准: the ban lengths and referral rule per tier, as data so a new notice changes configuration, not code.
 * The cancellation scope per tier (this subject for A, all subjects for B and C) is the notices' structure and
 * stays in {@link SanctionPolicy}.
 *
 * @param tierA         ban after a tier-A decision (none in the 2026 notices)
 * @param tierB         ban after a tier-B decision
 * @param tierCMinor    ban after a minor tier-C decision
 * @param tierCSerious  ban after a serious tier-C decision
 * @param referSerious  whether a serious tier-C decision is referred to the authorities (移送有关部门)
 */
public record SanctionTable(BanTerm tierA, BanTerm tierB, BanTerm tierCMinor, BanTerm tierCSerious,
                            boolean referSerious) {

    public SanctionTable {
        DecisionException.require("sanctionTable.tierA", tierA);
        DecisionException.require("sanctionTable.tierB", tierB);
        DecisionException.require("sanctionTable.tierCMinor", tierCMinor);
        DecisionException.require("sanctionTable.tierCSerious", tierCSerious);
    }

    /** The 2026 notices (附件4 / 附3): A none, B rest of the year, C minor 2 years, C serious 5 years and referral. */
    public static SanctionTable defaults() {
        return new SanctionTable(BanTerm.NONE, BanTerm.REST_OF_YEAR, BanTerm.years(2), BanTerm.years(5), true);
    }
}
