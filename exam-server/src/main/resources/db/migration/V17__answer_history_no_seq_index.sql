-- The (attempt_id, seq) index served no query: an attempt's chain is read by attempt_id (the primary key's prefix)
-- and walked back by prev_hash in memory. Keeping it cost each save's write-behind transaction one more index
-- insert per history entry, for nothing. (Dropping it did not move SaveCost's saves per second beyond the noise:
-- load-tests/RESULTS.md.)
DROP INDEX answer_history_seq;
