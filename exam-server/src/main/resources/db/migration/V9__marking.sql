-- Marking (阅卷) of essay and operation answers: double marking of anonymised scripts, arbitration by a chief
-- marker, and the marked score that completes a result. Marks are never deleted; a reopened script keeps every
-- earlier mark with the time and reason it was set aside.

-- The score from marking, added to the objective score; NULL while marking is pending (or nothing is marked).
ALTER TABLE results ADD COLUMN marked_score DECIMAL(10, 2);

-- How one sitting is marked: the default tolerance (percent of an item's points), per-section and per-item
-- overrides (JSON objects id -> percent) and the rule that decides an arbitrated script.
CREATE TABLE marking_plans (
    sitting_id         VARCHAR(64)   PRIMARY KEY REFERENCES sittings (id),
    tolerance_percent  DECIMAL(6, 2) NOT NULL,
    section_tolerances ${text}       NOT NULL,
    item_tolerances    ${text}       NOT NULL,
    arbitration_rule   VARCHAR(20)   NOT NULL,
    opened_by          VARCHAR(100)  NOT NULL,
    opened_at          BIGINT        NOT NULL
);

CREATE TABLE marking_markers (
    sitting_id VARCHAR(64)  NOT NULL REFERENCES sittings (id),
    username   VARCHAR(100) NOT NULL,
    PRIMARY KEY (sitting_id, username)
);

-- One row per bank item of the sitting that is marked by people: what a marker sees beside the answer.
CREATE TABLE marking_items (
    sitting_id       VARCHAR(64)    NOT NULL REFERENCES sittings (id),
    item_id          VARCHAR(200)   NOT NULL,
    section_id       VARCHAR(200)   NOT NULL,
    item_type        VARCHAR(20)    NOT NULL,
    stem             ${text}        NOT NULL,
    max_points       DECIMAL(10, 2) NOT NULL,
    rubric           ${text}        NOT NULL,
    tolerance_points DECIMAL(10, 2) NOT NULL,
    PRIMARY KEY (sitting_id, item_id)
);

-- 答卷: one candidate's answer to one marked item, known to markers only by its number.
CREATE TABLE scripts (
    id          VARCHAR(64)    PRIMARY KEY,
    sitting_id  VARCHAR(64)    NOT NULL REFERENCES sittings (id),
    script_no   INTEGER        NOT NULL,
    attempt_id  VARCHAR(64)    NOT NULL,
    item_number INTEGER        NOT NULL,
    item_id     VARCHAR(200)   NOT NULL,
    answer      ${text},
    state       VARCHAR(20)    NOT NULL,
    final_score DECIMAL(10, 2),
    updated_at  BIGINT         NOT NULL,
    CONSTRAINT scripts_number UNIQUE (sitting_id, script_no),
    CONSTRAINT scripts_once UNIQUE (attempt_id, item_number)
);
CREATE INDEX scripts_sitting ON scripts (sitting_id);

-- The two markers of a script (slot 1 and 2); the database refuses a marker twice on one script.
CREATE TABLE script_allocations (
    script_id  VARCHAR(64)  NOT NULL REFERENCES scripts (id),
    slot       INTEGER      NOT NULL,
    sitting_id VARCHAR(64)  NOT NULL,
    marker     VARCHAR(100) NOT NULL,
    PRIMARY KEY (script_id, slot),
    CONSTRAINT script_allocations_once UNIQUE (script_id, marker)
);
CREATE INDEX script_allocations_marker ON script_allocations (sitting_id, marker);

-- Every mark ever given: slot 1 and 2 are the markers', 3, 4 … the chief marker's arbitrations in order. A mark
-- set aside by a reopening keeps its row with set_aside_at and the reason.
CREATE TABLE script_marks (
    id              VARCHAR(64)    PRIMARY KEY,
    script_id       VARCHAR(64)    NOT NULL REFERENCES scripts (id),
    slot            INTEGER        NOT NULL,
    marker          VARCHAR(100)   NOT NULL,
    points          ${text}        NOT NULL,
    total           DECIMAL(10, 2) NOT NULL,
    comment_text    ${text}        NOT NULL,
    marked_at       BIGINT         NOT NULL,
    set_aside_at    BIGINT,
    set_aside_why   ${text},
    CONSTRAINT script_marks_once UNIQUE (script_id, slot)
);
