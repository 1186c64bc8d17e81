-- 复议: a decision on misconduct can be appealed and revised. A revision is a decision row of its own that names the
-- decision it revises; the revised row stays exactly as it was, so the history is append-only. A decision is
-- revised at most once (a later appeal revises the revision), which keeps the history one line.
ALTER TABLE decisions ADD COLUMN revises VARCHAR(64) REFERENCES decisions (id);
ALTER TABLE decisions ADD CONSTRAINT decisions_revised_once UNIQUE (revises);

-- A certificate revoked after a fail and a later pass (an erratum, a revised decision) stays revoked and
-- verifiable as revoked, while the evaluation gets a new certificate under a new number: at most one standing
-- certificate per evaluation instead of one ever. standing_evaluation_id holds the evaluation id while the
-- certificate is ISSUED and NULL once revoked (a partial unique index would say the same, but H2 has none).
ALTER TABLE certificates DROP CONSTRAINT certificates_evaluation_once;
ALTER TABLE certificates ADD COLUMN standing_evaluation_id VARCHAR(64);
UPDATE certificates SET standing_evaluation_id = evaluation_id WHERE status = 'ISSUED';
ALTER TABLE certificates ADD CONSTRAINT certificates_one_standing UNIQUE (standing_evaluation_id);
CREATE INDEX certificates_evaluation ON certificates (evaluation_id);

-- The verification code is kept only as a salted, slow hash (PBKDF2); the code itself is shown once, when the
-- certificate is issued. Codes stored in clear by earlier versions are hashed by the node at start-up
-- (JdbcCertificateStore.hashClearCodes), which then empties verification_code.
ALTER TABLE certificates ADD COLUMN verification_hash VARCHAR(200);
