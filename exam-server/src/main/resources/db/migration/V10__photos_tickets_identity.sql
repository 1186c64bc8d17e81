-- Candidate photos (考生照片), imported from an archive per sitting and shown to staff at the seat, on the admission
-- ticket and on the candidate's own page. Not tied to the candidates table by a foreign key: a roster re-import
-- replaces its rows, and a photo of a ticket no longer on the roster is simply never shown.
CREATE TABLE candidate_photos (
    sitting_id  VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    ticket      VARCHAR(64)  NOT NULL,
    media_type  VARCHAR(20)  NOT NULL,
    width       INTEGER      NOT NULL,
    height      INTEGER      NOT NULL,
    content     ${bytes}     NOT NULL,
    imported_by VARCHAR(100) NOT NULL,
    imported_at BIGINT       NOT NULL,
    PRIMARY KEY (sitting_id, ticket)
);

-- How a sitting hands out admission tickets (准考证) and checks identity at the seat (身份核验), as its body
-- decided. A sitting without a row uses the defaults: tickets from seven days before T0, no identity gate.
CREATE TABLE admission_settings (
    sitting_id            VARCHAR(64)  PRIMARY KEY REFERENCES sittings (id),
    site_name             VARCHAR(200) NOT NULL,
    site_address          VARCHAR(400) NOT NULL,
    tickets_open_at       BIGINT       NOT NULL,
    identity_required     BOOLEAN      NOT NULL,
    charge_identity_delay BOOLEAN      NOT NULL,
    updated_by            VARCHAR(100) NOT NULL,
    updated_at            BIGINT       NOT NULL
);

-- 身份核验: one row per candidate whose identity was confirmed at the seat, by a proctor (one seat or a whole room)
-- or by an ID-card or face reader reporting through the seat agent.
CREATE TABLE identity_checks (
    sitting_id   VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    ticket       VARCHAR(64)  NOT NULL,
    seat_code    VARCHAR(100) NOT NULL,
    method       VARCHAR(20)  NOT NULL,
    confirmed_by VARCHAR(100) NOT NULL,
    confirmed_at BIGINT       NOT NULL,
    PRIMARY KEY (sitting_id, ticket)
);
