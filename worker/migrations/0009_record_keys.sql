-- The disclosure model (shared/rules/disclosure.ts): every participant holds a secret record key,
-- 0 … 255, and a cell's noise is read from the sum of its contributors' keys. The Worker draws a new
-- participant's key from crypto.getRandomValues; people who exist before this migration get theirs
-- from SQLite's random() (a ChaCha20 generator seeded by the operating system) — the one place a key
-- is not made in the Worker. No route returns a record key.
ALTER TABLE participants ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0 CHECK (record_key BETWEEN 0 AND 255);
UPDATE participants SET record_key = abs(random()) % 256;
