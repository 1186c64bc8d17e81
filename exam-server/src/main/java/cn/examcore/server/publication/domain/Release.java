package cn.examcore.server.publication.domain;

/**
 * 成绩发布: a sitting's results made visible to its candidates.
 *
 * @param sittingId the sitting
 * @param by        the administrator who released them
 * @param at        when (server time, epoch ms)
 */
public record Release(String sittingId, String by, long at) {
}
