package cn.examcore.server.attempt;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 作答附件: the uploaded files an operation answer names. An answer may only name files its own attempt uploaded;
 * otherwise a candidate could hand in another candidate's deliverable by quoting its id. One instance serves one
 * attempt (one seat socket) and remembers the ids it has confirmed, because an upload never changes owner.
 */
public final class AnswerFiles {

    private final AnswerUploads uploads;
    private final String attemptId;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    public AnswerFiles(AnswerUploads uploads, String attemptId) {
        this.uploads = uploads;
        this.attemptId = attemptId;
    }

    /**
     * One answer of a message, as far as its files go.
     *
     * @param field   where its value was in the message, e.g. {@code value} or {@code answers[2].value}
     * @param index   its position in the message's vector, -1 for a single save
     * @param item    the item number
     * @param fileIds the file ids its value names
     */
    public record Named(String field, int index, int item, List<String> fileIds) {
    }

    /**
     * An answer that names a file this attempt did not upload.
     *
     * @param answer the answer
     * @param fileId the first file id of it that is not this attempt's
     */
    public record Refusal(Named answer, String fileId) {

        /** Says which item and file, without telling whether the file exists for someone else. */
        public String message() {
            return "item " + answer.item() + " names file " + fileId + ", which is not a file uploaded for this"
                    + " attempt (upload it with /api/candidate/upload and use the fileId returned)";
        }
    }

    /** The file ids of a canonical answer value (empty for items that take no files or a cleared answer). */
    public static List<String> ids(PaperItem item, String canonicalValue) {
        if (item.type() != ItemType.OPERATION || canonicalValue == null) {
            return List.of();
        }
        JsonNode files = Json.tree(canonicalValue).path("files");
        List<String> out = new ArrayList<>();
        for (JsonNode f : files) {
            out.add(f.asText());
        }
        return out;
    }

    /**
     * The answers that name a file not uploaded for this attempt, in the order given (each with its first such
     * file); empty when every file is the attempt's own.
     */
    public Future<List<Refusal>> refusals(List<Named> answers) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Named a : answers) {
            for (String id : a.fileIds()) {
                if (!confirmed.contains(id)) {
                    unknown.add(id);
                }
            }
        }
        if (unknown.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return uploads.owners(unknown).map(owners -> {
            owners.forEach((id, owner) -> {
                if (owner.equals(attemptId)) {
                    confirmed.add(id);
                }
            });
            return refusalsAmong(answers);
        });
    }

    private List<Refusal> refusalsAmong(List<Named> answers) {
        List<Refusal> out = new ArrayList<>();
        for (Named a : answers) {
            a.fileIds().stream().filter(id -> !confirmed.contains(id)).findFirst()
                    .ifPresent(id -> out.add(new Refusal(a, id)));
        }
        return out;
    }
}
