-- Errata (勘误) on a finished sitting's objective items, the release of a sitting's results to candidates, and
-- score reviews (复核) with their outcome. All three are append-only records: what was corrected, released or
-- decided is never rewritten; the results they change are updated in the same transaction.

CREATE TABLE errata (
    id          VARCHAR(64)   PRIMARY KEY,
    sitting_id  VARCHAR(64)   NOT NULL REFERENCES sittings (id),
    item_id     VARCHAR(200)  NOT NULL,
    kind        VARCHAR(10)   NOT NULL,
    -- The corrected key as JSON ({"options": [...]}, {"trueFalse": true} or {"blanks": [[...]]}); {} for a void.
    key_json    ${text}       NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    created_by  VARCHAR(100)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    -- Several errata of one sitting apply in this order, the latest on an item winning.
    seq         INTEGER       NOT NULL,
    CONSTRAINT errata_order UNIQUE (sitting_id, seq)
);

CREATE TABLE result_releases (
    sitting_id  VARCHAR(64)  PRIMARY KEY REFERENCES sittings (id),
    released_by VARCHAR(100) NOT NULL,
    released_at BIGINT       NOT NULL
);

CREATE TABLE reviews (
    id            VARCHAR(64)    PRIMARY KEY,
    sitting_id    VARCHAR(64)    NOT NULL REFERENCES sittings (id),
    attempt_id    VARCHAR(64)    NOT NULL,
    ticket        VARCHAR(64)    NOT NULL,
    reason        VARCHAR(2000)  NOT NULL,
    requested_by  VARCHAR(100)   NOT NULL,
    requested_at  BIGINT         NOT NULL,
    -- Null until the chief marker decides: CONFIRMED or REMARKED.
    outcome       VARCHAR(10),
    comment       VARCHAR(2000),
    decided_by    VARCHAR(100),
    decided_at    BIGINT,
    total_before  DECIMAL(10, 2),
    total_after   DECIMAL(10, 2)
);
CREATE INDEX reviews_sitting ON reviews (sitting_id, requested_at);
