package cn.examcore.server.wiring;

import cn.examcore.server.errata.ErrataService;
import cn.examcore.server.publication.ReleaseService;
import cn.examcore.server.publication.ReviewService;

/**
 * What happens to a sitting's results after it: errata (勘误) and their rescoring, the release of results (成绩发布)
 * and the candidate's lookup, score reviews (复核).
 *
 * @param errata   corrections of objective items and the rescoring they cause
 * @param releases the release of results, the publication export's rows and the candidate's lookup
 * @param reviews  score reviews (复核): requests and the chief marker's decisions
 */
public record Publication(ErrataService errata, ReleaseService releases, ReviewService reviews) {
}
