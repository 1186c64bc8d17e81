package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.SittingRules;
import io.vertx.core.Future;

/** The room rules (考场规则) of each sitting. */
public interface SittingRulesStore {

    /** The sitting's rules; {@link SittingRules#none} when nobody has set them. */
    Future<SittingRules> rules(String sittingId);

    /** Replaces the sitting's rules. */
    Future<Void> save(SittingRules rules);
}
