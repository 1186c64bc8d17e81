-- Decisions (决定) on flags and findings, and the bans (禁考) they impose. Both are append-only records: a row
-- is never updated or deleted. Dates are Shanghai calendar dates as ISO text (yyyy-MM-dd), which sort and
-- compare as dates in both H2 and PostgreSQL.

CREATE TABLE decisions (
    id                    VARCHAR(64)   PRIMARY KEY,
    sitting_id            VARCHAR(64)   NOT NULL REFERENCES sittings (id),
    attempt_id            VARCHAR(64)   NOT NULL,
    seat_code             VARCHAR(100)  NOT NULL,
    ticket                VARCHAR(64)   NOT NULL,
    id_number             VARCHAR(64)   NOT NULL,
    name                  VARCHAR(200)  NOT NULL,
    subject               VARCHAR(20)   NOT NULL,
    sitting_date          VARCHAR(10)   NOT NULL,
    flag_source           VARCHAR(20),
    flag_id               VARCHAR(400),
    category              VARCHAR(2)    NOT NULL,
    severity              VARCHAR(10),
    outcome               VARCHAR(10)   NOT NULL,
    evidence              ${text}       NOT NULL,
    reason                VARCHAR(2000) NOT NULL,
    after_sitting         BOOLEAN       NOT NULL,
    decided_by            VARCHAR(100)  NOT NULL,
    decided_at            BIGINT        NOT NULL,
    -- The sanction as computed when the decision was taken (null columns for a dismissal), kept so a later
    -- change of the sanction table never rewrites what was decided.
    cancels               VARCHAR(20),
    referral              BOOLEAN       NOT NULL,
    scores_invalid        BOOLEAN       NOT NULL,
    revoke_certificates   BOOLEAN       NOT NULL,
    eligibility_cancelled BOOLEAN       NOT NULL,
    fees_forfeited        BOOLEAN       NOT NULL,
    -- One decision per flag: a second one is refused (409), never silently stored.
    CONSTRAINT decisions_flag_unique UNIQUE (sitting_id, flag_source, flag_id)
);
CREATE INDEX decisions_sitting ON decisions (sitting_id, decided_at);
CREATE INDEX decisions_person ON decisions (id_number);

CREATE TABLE bans (
    decision_id VARCHAR(64) PRIMARY KEY REFERENCES decisions (id),
    id_number   VARCHAR(64) NOT NULL,
    category    VARCHAR(2)  NOT NULL,
    severity    VARCHAR(10),
    ban_from    VARCHAR(10) NOT NULL,
    ban_until   VARCHAR(10) NOT NULL,
    recorded_at BIGINT      NOT NULL
);
CREATE INDEX bans_person ON bans (id_number);
