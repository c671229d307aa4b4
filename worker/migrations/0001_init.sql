-- Dyad's schema. Every row carries org_id, and every query is scoped by the
-- organisation of the caller's token (PRODUCT.md §2: nothing crosses organisations).
-- Times are ISO-8601 UTC strings (lexicographic order = time order), dates YYYY-MM-DD.

CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  min_group_size INTEGER NOT NULL DEFAULT 5 CHECK (min_group_size BETWEEN 3 AND 10),
  comment_minimum INTEGER NOT NULL DEFAULT 10 CHECK (comment_minimum >= 1),
  fiscal_year_start_month INTEGER NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  level TEXT,
  function TEXT,
  region TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, email)
);
CREATE INDEX participants_org_name ON participants (org_id, display_name);

-- Demographic attributes: write-only for coordinators, readable only by the person.
CREATE TABLE participant_attributes (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  participant_id TEXT NOT NULL REFERENCES participants(id),
  dimension TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (participant_id, dimension)
);
CREATE INDEX participant_attributes_org_dimension ON participant_attributes (org_id, dimension, value);

-- Only the SHA-256 of a token is stored; the secret is shown once.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  participant_id TEXT NOT NULL REFERENCES participants(id),
  role TEXT NOT NULL CHECK (role IN ('participant', 'coordinator', 'admin')),
  hash TEXT NOT NULL UNIQUE,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_participant ON tokens (org_id, participant_id);

CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reverse', 'advisory', 'rotation', 'classic')),
  charter TEXT NOT NULL DEFAULT '',
  min_sessions_per_quarter INTEGER NOT NULL CHECK (min_sessions_per_quarter >= 0),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX programmes_org ON programmes (org_id, name);

CREATE TABLE engagements (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'closed')),
  objectives TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX engagements_org_programme ON engagements (org_id, programme_id);

CREATE TABLE engagement_members (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  participant_id TEXT NOT NULL REFERENCES participants(id),
  role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee', 'advisor', 'executive', 'rotator', 'host')),
  PRIMARY KEY (engagement_id, participant_id)
);
-- "my engagements" is the hot path of every participant request.
CREATE INDEX engagement_members_participant ON engagement_members (org_id, participant_id);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('google', 'outlook', 'ics', 'manual')),
  event_id TEXT NOT NULL,
  cycle TEXT CHECK (cycle IN ('product_launch', 'market_review', 'talent_review', 'strategy_offsite', 'other')),
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'cancelled')),
  created_by TEXT NOT NULL REFERENCES participants(id),
  client_updated_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (ends_at >= starts_at),
  -- One calendar event maps to at most one session per engagement (PRODUCT.md §2).
  UNIQUE (engagement_id, provider, event_id)
);
CREATE INDEX sessions_org_starts ON sessions (org_id, starts_at);
CREATE INDEX sessions_engagement_starts ON sessions (engagement_id, starts_at);

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  session_id TEXT NOT NULL REFERENCES sessions(id),
  author_id TEXT NOT NULL REFERENCES participants(id),
  body TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
  action_items TEXT NOT NULL DEFAULT '[]', -- JSON array of { text, done }
  client_updated_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX notes_session ON notes (session_id, author_id);

CREATE TABLE pulse_responses (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  session_id TEXT NOT NULL REFERENCES sessions(id),
  respondent_id TEXT NOT NULL REFERENCES participants(id),
  value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
  safety INTEGER CHECK (safety BETWEEN 1 AND 5),
  applied INTEGER CHECK (applied BETWEEN 1 AND 5),
  check_in INTEGER NOT NULL DEFAULT 0 CHECK (check_in IN (0, 1)),
  client_updated_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- One response per respondent per session; answering again replaces it.
  PRIMARY KEY (session_id, respondent_id)
);
CREATE INDEX pulse_responses_org_respondent ON pulse_responses (org_id, respondent_id);

CREATE TABLE population_baselines (
  org_id TEXT NOT NULL REFERENCES orgs(id),
  dimension TEXT NOT NULL,
  grp TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, dimension, grp)
);
