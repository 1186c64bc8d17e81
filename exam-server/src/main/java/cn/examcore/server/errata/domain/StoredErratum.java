package cn.examcore.server.errata.domain;

import cn.examcore.bank.errata.Erratum;

/**
 * An erratum (勘误) as recorded for a sitting.
 *
 * @param id        its id
 * @param sittingId the sitting it corrects
 * @param erratum   the correction
 * @param reason    why, as the administrator wrote it
 * @param by        the administrator
 * @param at        when it was applied (server time, epoch ms)
 * @param seq       its place among the sitting's errata, from 1: a later one on the same item wins
 */
public record StoredErratum(String id, String sittingId, Erratum erratum, String reason, String by, long at,
                            int seq) {
}
