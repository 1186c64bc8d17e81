package cn.examcore.server.sitting.store;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Sittings (场次) as administrators set them up: time, duration, PIN, bank, blueprint, release. */
public interface SittingStore {

    Future<Void> createSitting(Sitting sitting);

    Future<Void> updateSitting(Sitting sitting);

    Future<Optional<Sitting>> sitting(String id);

    /** The sitting, or an {@code UNKNOWN_SITTING} failure naming the {@code sittingId} field. */
    default Future<Sitting> existingSitting(String id) {
        return sitting(id).compose(o -> o.map(Future::succeededFuture).orElseGet(() ->
                Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId", "no sitting " + id))));
    }

    /** Every sitting, by T0. */
    Future<List<Sitting>> sittings();
}
