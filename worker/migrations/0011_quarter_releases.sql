-- A released fiscal quarter's representation facts (shared/rules/disclosure.ts, worker/db/quarter-releases.ts).
-- The first reading of a closed quarter copies, in the same transaction as its row in
-- disclosure_releases, who was counted and with what: a row per membership of an active engagement
-- overlapping the quarter, and those people's attribute values for every dimension. Representation
-- of that quarter is read from these rows only, so pausing, closing or re-membering an engagement,
-- setting an attribute or creating people afterwards cannot move a released figure. Like the release
-- row itself, these rows never change or go.
CREATE TABLE quarter_members (
  org_id TEXT NOT NULL,
  period TEXT NOT NULL, -- the quarter's first day, as in disclosure_releases
  participant_id TEXT NOT NULL,
  engagement_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  role TEXT NOT NULL,
  record_key INTEGER NOT NULL, -- the participant's, copied so a cell's key is the frozen people's
  sessions INTEGER NOT NULL, -- held sessions of the engagement starting in the quarter
  senior_ms INTEGER NOT NULL, -- their length in ms when another member is executive-level, else 0
  PRIMARY KEY (org_id, period, participant_id, engagement_id)
) WITHOUT ROWID;

CREATE TABLE quarter_attributes (
  org_id TEXT NOT NULL,
  period TEXT NOT NULL,
  dimension TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (org_id, period, dimension, participant_id)
) WITHOUT ROWID;

CREATE TRIGGER quarter_members_frozen_update BEFORE UPDATE ON quarter_members
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;
CREATE TRIGGER quarter_members_frozen_delete BEFORE DELETE ON quarter_members
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;
CREATE TRIGGER quarter_attributes_frozen_update BEFORE UPDATE ON quarter_attributes
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;
CREATE TRIGGER quarter_attributes_frozen_delete BEFORE DELETE ON quarter_attributes
BEGIN
  SELECT RAISE(ABORT, 'dyad_release_is_frozen');
END;

-- A released figure counts the population-shaping writes made while its quarter was open
-- (disclosure.populationChanges): by organisation, action and time, without reading the whole log.
CREATE INDEX audit_log_org_action_at ON audit_log (org_id, action, at);
