-- A released month's pulse cells (shared/rules/disclosure.ts, worker/db/pulse-releases.ts): copied
-- from the raw tables by the first request that reads the month, in the same transaction as its
-- `disclosure_releases` row, and never changed after — so no answer edited, session cancelled or
-- member changed later moves a released figure. True counts are stored; the noise is read from the
-- keys when a figure is made, so the same cell always shows the same figure.
--
-- A row per (organisation, month, programme, question): `question` is a pulse question, or
-- 'response' for the response rate (every answer, whatever it scored, against the chances to answer).
CREATE TABLE pulse_release_cells (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  month TEXT NOT NULL, -- YYYY-MM, the UTC month the sessions started in
  programme_id TEXT NOT NULL,
  kind TEXT NOT NULL, -- the programme's kind when frozen
  question TEXT NOT NULL CHECK (question IN ('value', 'safety', 'applied', 'response')),
  respondents INTEGER NOT NULL, -- distinct people who answered
  engagements INTEGER NOT NULL, -- distinct engagements among those answers (the dyad floor)
  answers INTEGER NOT NULL,
  -- Answers scoring 1 … 5, and each score's key: the sum of its answerers' record keys, modulo the key
  -- space (shared/rules/disclosure.ts).
  n1 INTEGER NOT NULL DEFAULT 0, n2 INTEGER NOT NULL DEFAULT 0, n3 INTEGER NOT NULL DEFAULT 0,
  n4 INTEGER NOT NULL DEFAULT 0, n5 INTEGER NOT NULL DEFAULT 0,
  key1 INTEGER NOT NULL DEFAULT 0, key2 INTEGER NOT NULL DEFAULT 0, key3 INTEGER NOT NULL DEFAULT 0,
  key4 INTEGER NOT NULL DEFAULT 0, key5 INTEGER NOT NULL DEFAULT 0,
  cell_key INTEGER NOT NULL, -- the same sum over all the answers of the row
  expected INTEGER NOT NULL DEFAULT 0, -- 'response': held sessions × their engagement's members
  PRIMARY KEY (org_id, month, programme_id, question)
) WITHOUT ROWID;
CREATE TRIGGER pulse_release_cells_frozen_update BEFORE UPDATE ON pulse_release_cells
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;
CREATE TRIGGER pulse_release_cells_frozen_delete BEFORE DELETE ON pulse_release_cells
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;

-- The population-shaping writes a release reports (`disclosure.populationChanges`) are counted by
-- action and time through `audit_log_org_action_at`, which 0011 creates for both kinds of release.
