-- The answer history's write cost (load-tests/RESULTS.md): a row per entry, keyed by (attempt_id, hash), made the
-- history cost about a fifth of the saves per second, nearly all of it the database's per-row work (an
-- insert-if-absent lookup, and a unique index entry of two long strings per row). Now:
--   * a row holds a run of consecutive entries of one attempt, the ones one write-behind flush writes: the row's
--     columns are the run's last entry, and `earlier` packs the entries before it (JSON: the hash the run starts
--     from, then one array per entry; see HistoryRows). Existing rows are runs of one entry (`earlier` NULL);
--   * no key: rows are appended, found by attempt through a plain index, and a run written twice (a new owner
--     writing the whole chain after a failover) is read once (entries are told apart by their hash). VARCHAR rather
--     than ${text}: the embedded H2 keeps a long CLOB outside the row, which costs more than the row; HistoryRows
--     keeps a run far below the limit.
-- The table is rebuilt rather than altered because dropping a primary key is spelled differently in H2 and
-- PostgreSQL.
CREATE TABLE answer_history_runs (
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
    earlier      VARCHAR(1000000)
);
INSERT INTO answer_history_runs (attempt_id, hash, seq, prev_hash, kind, item, rev, at_millis, node, answer_value,
                                 value_digest)
    SELECT attempt_id, hash, seq, prev_hash, kind, item, rev, at_millis, node, answer_value, value_digest
    FROM answer_history;
DROP TABLE answer_history;
ALTER TABLE answer_history_runs RENAME TO answer_history;
CREATE INDEX answer_history_attempt ON answer_history (attempt_id);
