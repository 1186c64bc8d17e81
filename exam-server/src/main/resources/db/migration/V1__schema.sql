-- The whole durable state of exam-server. Portable between H2 and PostgreSQL: the two types that differ are
-- Flyway placeholders (${text} = CLOB | TEXT, ${bytes} = BLOB | BYTEA). Times are epoch milliseconds.

CREATE TABLE sittings (
    id               VARCHAR(64)  PRIMARY KEY,
    title            VARCHAR(400) NOT NULL,
    occupation       VARCHAR(200) NOT NULL,
    level_no         INTEGER      NOT NULL,
    subject          VARCHAR(20)  NOT NULL,
    t0               BIGINT       NOT NULL,
    duration_minutes INTEGER      NOT NULL,
    check_in_minutes INTEGER      NOT NULL,
    pass_mark        INTEGER      NOT NULL,
    enrolment_pin    VARCHAR(64)  NOT NULL,
    released_at      BIGINT       NOT NULL,
    bank_id          VARCHAR(200),
    blueprint_json   ${text},
    assembled_at     BIGINT       NOT NULL,
    created_at       BIGINT       NOT NULL
);

CREATE TABLE rooms (
    id         VARCHAR(64)  PRIMARY KEY,
    sitting_id VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    name       VARCHAR(100) NOT NULL,
    row_count  INTEGER      NOT NULL,
    col_count  INTEGER      NOT NULL,
    CONSTRAINT rooms_name_unique UNIQUE (sitting_id, name)
);

CREATE TABLE seats (
    sitting_id VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    code       VARCHAR(100) NOT NULL,
    room_id    VARCHAR(64)  NOT NULL REFERENCES rooms (id),
    row_no     INTEGER      NOT NULL,
    col_no     INTEGER      NOT NULL,
    PRIMARY KEY (sitting_id, code)
);

CREATE TABLE candidates (
    sitting_id VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    ticket     VARCHAR(64)  NOT NULL,
    id_number  VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    seat_code  VARCHAR(100) NOT NULL,
    subjects   VARCHAR(200) NOT NULL,
    photo_ref  VARCHAR(400) NOT NULL,
    PRIMARY KEY (sitting_id, ticket)
);

CREATE TABLE banks (
    id          VARCHAR(200) PRIMARY KEY,
    title       VARCHAR(400) NOT NULL,
    file_name   VARCHAR(400) NOT NULL,
    content     ${bytes}     NOT NULL,
    item_count  INTEGER      NOT NULL,
    imported_at BIGINT       NOT NULL
);

-- One assembled paper per attempt: the full paper with keys (server only), the per-attempt AES key and the
-- encrypted candidate view handed out during check-in.
CREATE TABLE papers (
    attempt_id  VARCHAR(64) PRIMARY KEY,
    sitting_id  VARCHAR(64) NOT NULL REFERENCES sittings (id),
    paper_json  ${text}     NOT NULL,
    aes_key     ${bytes}    NOT NULL,
    iv          ${bytes}    NOT NULL,
    ciphertext  ${bytes}    NOT NULL
);

CREATE TABLE attempts (
    id                VARCHAR(64)  PRIMARY KEY,
    sitting_id        VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    ticket            VARCHAR(64)  NOT NULL,
    subject           VARCHAR(20)  NOT NULL,
    seat_code         VARCHAR(100) NOT NULL,
    state             VARCHAR(20)  NOT NULL,
    start_at          BIGINT       NOT NULL,
    duration_seconds  BIGINT       NOT NULL,
    extension_seconds BIGINT       NOT NULL,
    paused_millis     BIGINT       NOT NULL,
    paused_since      BIGINT       NOT NULL,
    submitted_at      BIGINT       NOT NULL,
    submit_kind       VARCHAR(20),
    CONSTRAINT attempts_candidate_unique UNIQUE (sitting_id, ticket, subject)
);
CREATE INDEX attempts_sitting ON attempts (sitting_id);

CREATE TABLE answers (
    attempt_id   VARCHAR(64) NOT NULL,
    item         INTEGER     NOT NULL,
    answer_value ${text},
    rev          BIGINT      NOT NULL,
    saved_at     BIGINT      NOT NULL,
    PRIMARY KEY (attempt_id, item)
);

CREATE TABLE events (
    id          VARCHAR(64)  PRIMARY KEY,
    sitting_id  VARCHAR(64)  NOT NULL,
    attempt_id  VARCHAR(64),
    seat_code   VARCHAR(100) NOT NULL,
    source      VARCHAR(20)  NOT NULL,
    kind        VARCHAR(60)  NOT NULL,
    detail      ${text}      NOT NULL,
    observed_at BIGINT       NOT NULL,
    server_at   BIGINT       NOT NULL
);
CREATE INDEX events_attempt ON events (attempt_id);
CREATE INDEX events_sitting ON events (sitting_id, server_at);

CREATE TABLE results (
    attempt_id      VARCHAR(64)    PRIMARY KEY,
    sitting_id      VARCHAR(64)    NOT NULL,
    ticket          VARCHAR(64)    NOT NULL,
    name            VARCHAR(200)   NOT NULL,
    subject         VARCHAR(20)    NOT NULL,
    objective_score DECIMAL(10, 2) NOT NULL,
    max_score       DECIMAL(10, 2) NOT NULL,
    pending_marking BOOLEAN        NOT NULL,
    passed          BOOLEAN,
    submitted_at    BIGINT         NOT NULL,
    submit_kind     VARCHAR(20)    NOT NULL
);
CREATE INDEX results_sitting ON results (sitting_id);

CREATE TABLE uploads (
    id         VARCHAR(64)  PRIMARY KEY,
    attempt_id VARCHAR(64)  NOT NULL,
    name       VARCHAR(400) NOT NULL,
    media_type VARCHAR(200) NOT NULL,
    content    ${bytes}     NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE staff (
    username      VARCHAR(100) PRIMARY KEY,
    password_hash VARCHAR(400) NOT NULL,
    staff_role    VARCHAR(20)  NOT NULL,
    room_ids      VARCHAR(2000) NOT NULL
);

CREATE TABLE audit (
    id          VARCHAR(64)  PRIMARY KEY,
    server_at   BIGINT       NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    action_name VARCHAR(100) NOT NULL,
    sitting_id  VARCHAR(64),
    target      VARCHAR(200),
    detail      ${text}      NOT NULL
);

CREATE TABLE agent_keys (
    key_hash   VARCHAR(128) PRIMARY KEY,
    sitting_id VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    created_at BIGINT       NOT NULL,
    created_by VARCHAR(100) NOT NULL
);
