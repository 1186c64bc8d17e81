-- Certificates (证书) issued from a sitting's passed results, and their revocation by a decision taken after the
-- sitting. A row is never deleted; revocation sets status, revoked_by and revoked_at once.

CREATE TABLE certificates (
    number       VARCHAR(80)  PRIMARY KEY,
    sitting_id   VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    ticket       VARCHAR(64)  NOT NULL,
    id_number    VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    occupation   VARCHAR(200) NOT NULL,
    level        INTEGER      NOT NULL,
    subject      VARCHAR(20)  NOT NULL,
    sitting_date VARCHAR(10)  NOT NULL,
    issued_by    VARCHAR(100) NOT NULL,
    issued_at    BIGINT       NOT NULL,
    status       VARCHAR(10)  NOT NULL,
    revoked_by   VARCHAR(64)  REFERENCES decisions (id),
    revoked_at   BIGINT,
    -- One certificate per candidate and sitting: issuing twice is refused by the database, not only by the code.
    CONSTRAINT certificates_once UNIQUE (sitting_id, ticket)
);
CREATE INDEX certificates_person ON certificates (id_number);
