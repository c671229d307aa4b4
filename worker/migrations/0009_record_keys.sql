-- The disclosure model (shared/rules/disclosure.ts): every participant holds a secret record key,
-- 0 … 65535, and a cell's noise is read from the sum of its contributors' keys. The Worker draws a new
-- participant's key from crypto.getRandomValues; people who exist before this migration get theirs
-- from SQLite's random() (a ChaCha20 generator seeded by the operating system) — the one place a key
-- is not made in the Worker. No route returns a record key.
ALTER TABLE participants ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0 CHECK (record_key BETWEEN 0 AND 65535);
UPDATE participants SET record_key = abs(random()) % 65536;

-- Releases (shared/rules/disclosure.ts): the first reading of a closed period's protected figures
-- freezes the facts they rest on. A row here says a period was frozen, and when; the frozen facts
-- live in tables of their own (a month's pulse cells, a quarter's members). Neither this row nor
-- those facts ever change: a population shaped after the release cannot move a released figure.
CREATE TABLE disclosure_releases (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  kind TEXT NOT NULL CHECK (kind IN ('quarter', 'month')),
  period TEXT NOT NULL, -- a quarter by its first day, YYYY-MM-DD; a month as YYYY-MM
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  frozen_at TEXT NOT NULL,
  PRIMARY KEY (org_id, kind, period)
) WITHOUT ROWID;
CREATE TRIGGER disclosure_releases_frozen_update BEFORE UPDATE ON disclosure_releases
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;
CREATE TRIGGER disclosure_releases_frozen_delete BEFORE DELETE ON disclosure_releases
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;
