package cn.examcore.bank.model;

import java.util.List;

/**
 * What an operation task (操作题) asks for beyond its stem.
 *
 * @param attachments      names of bank resources handed to the candidate (templates, data files)
 * @param deliverableTypes accepted file extensions of the deliverable, lower case without dot ("docx", "xlsx")
 * @param timeLimitMinutes suggested minutes for the task, 0 when not stated
 */
public record OperationSpec(List<String> attachments, List<String> deliverableTypes, int timeLimitMinutes) {

    public OperationSpec {
        attachments = List.copyOf(attachments);
        deliverableTypes = List.copyOf(deliverableTypes);
    }
}
