-- 一次评价 (an evaluation): one candidate's application for one occupation and level, whose subjects are sat in
-- sittings that may be on different days. Each roster row names its evaluation, the evaluation body whose rules
-- apply and whether the application is a first attempt, a makeup (补考) or a competition result; the rows of all
-- sittings that share an evaluation id are that evaluation.
ALTER TABLE candidates ADD COLUMN evaluation_id VARCHAR(64);
ALTER TABLE candidates ADD COLUMN evaluation_body VARCHAR(200);
ALTER TABLE candidates ADD COLUMN application VARCHAR(20);
UPDATE candidates SET evaluation_id = ticket, evaluation_body = '上海市技师协会', application = 'FIRST';
CREATE INDEX candidates_evaluation ON candidates (evaluation_id);
CREATE INDEX candidates_person ON candidates (id_number);

-- A certificate follows the level result of an evaluation, not one sitting: it names its evaluation (one
-- certificate per evaluation), the body that issues it and a verification code printed on it.
ALTER TABLE certificates ADD COLUMN evaluation_id VARCHAR(64);
ALTER TABLE certificates ADD COLUMN evaluation_body VARCHAR(200);
ALTER TABLE certificates ADD COLUMN verification_code VARCHAR(32);
ALTER TABLE certificates DROP CONSTRAINT certificates_once;
ALTER TABLE certificates ADD CONSTRAINT certificates_evaluation_once UNIQUE (evaluation_id);
