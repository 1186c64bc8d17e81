-- Room rules (考场规则) per sitting, the accommodations granted to candidates, and the announcements made to a room
-- or a whole sitting. What happens at the seats (acknowledgements, absences, reopenings, room-wide extensions) is
-- stored as seat events and audit records, so the room report reads one history.

-- A sitting without a row has no late-entry cutoff and no earliest submission (0 minutes = no rule).
CREATE TABLE sitting_rules (
    sitting_id              VARCHAR(64)  PRIMARY KEY REFERENCES sittings (id),
    late_entry_minutes      INTEGER      NOT NULL,
    earliest_submit_minutes INTEGER      NOT NULL,
    rules_version           VARCHAR(40)  NOT NULL,
    updated_by              VARCHAR(100) NOT NULL,
    updated_at              BIGINT       NOT NULL
);

-- Extra time granted to one candidate (照顾/合理便利), as the roster gave it: percent of the paper's time and/or
-- whole minutes, and who approved it.
CREATE TABLE accommodations (
    sitting_id    VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    ticket        VARCHAR(64)  NOT NULL,
    extra_percent INTEGER      NOT NULL,
    extra_minutes INTEGER      NOT NULL,
    approved_by   VARCHAR(200) NOT NULL,
    PRIMARY KEY (sitting_id, ticket)
);

-- A broadcast to every seat of a room (room_id set) or of the sitting (room_id NULL).
CREATE TABLE announcements (
    id         VARCHAR(64)  PRIMARY KEY,
    sitting_id VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    room_id    VARCHAR(64),
    message    ${text}      NOT NULL,
    made_by    VARCHAR(100) NOT NULL,
    made_at    BIGINT       NOT NULL
);
CREATE INDEX announcements_sitting ON announcements (sitting_id, made_at);
