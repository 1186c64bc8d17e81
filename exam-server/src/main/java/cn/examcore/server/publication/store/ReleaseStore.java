package cn.examcore.server.publication.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.publication.domain.Enrolment;
import cn.examcore.server.publication.domain.Release;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Releases of results (成绩发布), durable. */
public interface ReleaseStore {

    /**
     * Records the release with its audit record in one transaction.
     *
     * @return false (and nothing stored) when the sitting was released already
     */
    Future<Boolean> release(Release release, AuditRecord audit);

    /** The sitting's release, if any. */
    Future<Optional<Release>> release(String sittingId);

    /** Where a person (by normalised ID number) is on the roster of a released sitting, oldest sitting first. */
    Future<List<Enrolment>> releasedEnrolments(String idNumber);
}
