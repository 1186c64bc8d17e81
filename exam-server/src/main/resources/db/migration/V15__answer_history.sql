-- 作答历史: every accepted change to an attempt's answers, hash-chained (AnswerHistory). Rows are written by the
-- attempts' write-behind store in the same transaction as the attempt and its answers, and never updated.
-- The key is the entry's hash, not its sequence number: after a split brain both sides may have written different
-- entries under the same seq before the merge; both stay, and the merged chain names the other side's head in
-- its MERGE entry. The current chain of an attempt is the one that ends at its highest seq (walked back by prev).
CREATE TABLE answer_history (
    attempt_id   VARCHAR(64)  NOT NULL,
    hash         CHAR(64)     NOT NULL,
    seq          BIGINT       NOT NULL,
    prev_hash    CHAR(64)     NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    item         INTEGER      NOT NULL,
    rev          BIGINT       NOT NULL,
    at_millis    BIGINT       NOT NULL,
    node         VARCHAR(200) NOT NULL,
    answer_value VARCHAR(512),
    value_digest CHAR(64),
    PRIMARY KEY (attempt_id, hash)
);
CREATE INDEX answer_history_seq ON answer_history (attempt_id, seq);
