-- Every change of a staff account (password, role, rooms) and every logout bumps its token generation; a staff token
-- carries the generation it was issued at and is refused once the account has moved on.
ALTER TABLE staff ADD COLUMN token_generation BIGINT DEFAULT 0 NOT NULL;
