-- Learning objectives (the accountability issue): stated by an engagement's learner, rated over
-- time, linked to the sessions that moved them. Contents are the engagement members'; coordinators
-- read only counts (worker/policy.ts).

CREATE TABLE objectives (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  owner_id TEXT NOT NULL REFERENCES participants(id),
  what TEXT NOT NULL,
  serves_goal TEXT NOT NULL,
  success_signal TEXT NOT NULL,
  target_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'dropped')),
  client_updated_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX objectives_engagement ON objectives (engagement_id, owner_id);
CREATE INDEX objectives_org ON objectives (org_id, engagement_id);

-- Each self-rating is a row of its own: the history is the table, never rewritten.
CREATE TABLE objective_progress (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  objective_id TEXT NOT NULL REFERENCES objectives(id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),
  comment TEXT NOT NULL DEFAULT '',
  rated_at TEXT NOT NULL
);
CREATE INDEX objective_progress_objective ON objective_progress (objective_id, rated_at);

-- The objectives a session moved, as one set per session (last writer by client time wins).
CREATE TABLE session_objectives (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id),
  org_id TEXT NOT NULL REFERENCES orgs(id),
  objective_ids TEXT NOT NULL DEFAULT '[]', -- JSON array of objective ids
  client_updated_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
