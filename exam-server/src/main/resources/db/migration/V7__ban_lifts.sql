-- 解除禁考: the lift of a ban before its time (e.g. the decision was revised on appeal). The ban row stays as it
-- was; the lift is a second, append-only record beside it naming who lifted it, when and why. The primary key
-- makes a second lift of the same ban impossible, also when two nodes race.

CREATE TABLE ban_lifts (
    decision_id VARCHAR(64)   PRIMARY KEY REFERENCES bans (decision_id),
    lifted_by   VARCHAR(100)  NOT NULL,
    lifted_at   BIGINT        NOT NULL,
    reason      VARCHAR(2000) NOT NULL
);
