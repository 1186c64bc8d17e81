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
