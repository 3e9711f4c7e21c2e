-- 0005_guards: the same money twice by a person's mistake. Each transfer batch sent is
-- remembered by a hash of its normalised content (prefix, phone, amount of every line, in
-- order), so running the same file again asks for an explicit confirmation.
CREATE TABLE transfer_batches (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
    batch_id      TEXT,
    lines         INTEGER NOT NULL CHECK (lines > 0),
    total         INTEGER NOT NULL CHECK (total > 0),
    created_at    TEXT NOT NULL
);
CREATE INDEX transfer_batches_hash ON transfer_batches (content_hash, created_at);
