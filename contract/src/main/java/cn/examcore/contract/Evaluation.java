package cn.examcore.contract;

import java.time.ZoneId;

/**
 * 职业技能评价: facts of the evaluation that every deployable must agree on and that are no record of the wire. The
 * contract's one class that is neither a record nor an enum: a zone is a constant, and a copy of it in each
 * deployable is what it replaces.
 */
public final class Evaluation {

    /**
     * Every sitting is held in Shanghai: every calendar date of the domain (sitting dates, ban days, application
     * dates) is a Shanghai date, and every time shown to people (the console's explanations, room reports) is
     * Shanghai wall time.
     */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Evaluation() {
    }
}
