-- The (attempt_id, seq) index served no query: an attempt's chain is read by attempt_id (the primary key's prefix)
-- and walked back by prev_hash in memory. Keeping it cost every acknowledged save one more index insert in the
-- write-behind transaction (SaveCost: the history's share of the store's CPU per save, see load-tests/RESULTS.md).
DROP INDEX answer_history_seq;
