package cn.examcore.server.conduct.domain;

/** One line of the ban registry's append-only trail: a ban, or the lift of one. */
public sealed interface BanRecord permits Ban, BanLift {

    /** The decision the record belongs to. */
    String decisionId();
}
