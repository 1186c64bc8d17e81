-- The offline last resort (离线答卷): how long after a seat's deadline a proctor may upload the seat's offline answer
-- file (0 = not at all), and each sitting's key pair the pages seal their files to. The private key is stored sealed
-- under a key derived from the node secret, so the database alone opens no file.
ALTER TABLE sitting_rules ADD COLUMN offline_window_minutes INTEGER DEFAULT 30 NOT NULL;

CREATE TABLE offline_keys (
    sitting_id     VARCHAR(64) PRIMARY KEY REFERENCES sittings (id),
    public_key     ${text}     NOT NULL,
    sealed_private ${text}     NOT NULL,
    created_at     BIGINT      NOT NULL
);
