package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.CandidatePhoto;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Candidate photos (考生照片) by sitting and ticket. */
public interface PhotoStore {

    /** Stores these photos in one transaction, each replacing the candidate's earlier one: all of them, or none. */
    Future<Void> savePhotos(String sittingId, List<CandidatePhoto> photos);

    Future<Optional<CandidatePhoto>> photo(String sittingId, String ticket);

    /** The tickets of the sitting that have a photo, sorted. */
    Future<List<String>> ticketsWithPhoto(String sittingId);
}
