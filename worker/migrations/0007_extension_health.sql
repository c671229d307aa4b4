-- Selector health (shared/extension-health.ts): anonymous daily counts of which calendar selectors
-- still match, sent by extensions of organisations that opt in.

-- The opt-in, off by default: an organisation decides before any extension reports anything.
ALTER TABLE orgs ADD COLUMN extension_health_reports INTEGER NOT NULL DEFAULT 0 CHECK (extension_health_reports IN (0, 1));

-- Only aggregates: one row per (org, day, host, version, selector, variant) summing every report,
-- with no column saying who sent them. WITHOUT ROWID, so not even an insertion order survives to
-- tell two reporters' first rows apart. variant -1 holds the misses (no variant found the element).
CREATE TABLE extension_health (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  day TEXT NOT NULL,
  host TEXT NOT NULL CHECK (host IN ('google', 'outlook')),
  version TEXT NOT NULL,
  selector TEXT NOT NULL,
  variant INTEGER NOT NULL CHECK (variant >= -1),
  hits INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
  misses INTEGER NOT NULL DEFAULT 0 CHECK (misses >= 0),
  PRIMARY KEY (org_id, day, host, version, selector, variant)
) WITHOUT ROWID;

-- Reports per token per UTC day, for the daily cap (429). Keyed by the token's hash and kept apart
-- from the aggregates, which it shares no key with; rows older than yesterday are deleted with
-- each report, so it never says more than who reported today or yesterday.
CREATE TABLE extension_health_quota (
  day TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  reports INTEGER NOT NULL CHECK (reports >= 1),
  PRIMARY KEY (day, token_hash)
) WITHOUT ROWID;
