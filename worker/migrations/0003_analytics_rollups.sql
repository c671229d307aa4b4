-- Rollups for the analytics endpoints (issue 4: ≤ 150 ms median on 250k sessions / 500k pulse
-- responses). Plain scans cannot get there: the figures rest on every session and pulse response of
-- a period, and a year holds ~85k sessions and ~170k responses. These tables hold the same facts
-- pre-aggregated by calendar month (UTC month of the session's start), kept current ON WRITE by
-- triggers, in the same transaction as the write — never stale, no Cron Trigger needed.
--
--   rollup_engagement_months  per engagement × month: held, cancelled, held length (ms), slots
--                             (held × members), pulse responses and their scores (held sessions only)
--   rollup_programme_months   the same summed per programme × month (maintained from the above)
--   rollup_engagement_years   held and cancelled per engagement × year, a column per month
--   rollup_member_months      per engagement × month × respondent: answers per question
--   rollup_respondent_years   per respondent × programme (and '*' = any programme) × year: a 12-bit
--                             mask per question of the months they answered in — distinct
--                             respondents of any run of whole months without reading the answers;
--                             rollup_month_respondents counts them per scope × month
--   rollup_engagement_gaps    per engagement: gaps between consecutive held sessions, by the months
--                             of both ends; rollup_programme_gaps sums them per programme
--   rollup_engagements        per engagement: its own columns, its members (JSON), its two latest
--                             held sessions and its three latest sessions with their statuses
--   rollup_members            per member of an engagement: role, the engagement's programme, status
--                             and dates, and whether another member is executive-level
--
-- Queries use them for periods made of whole months (every quarter, year or month) and fall back
-- to the raw tables otherwise (worker/db/analytics-rollups.ts); test/worker/analytics-rollups.test.ts
-- checks both give the same facts, and that after any sequence of writes the rollups equal a rebuild.
--
-- Recomputation is done by "procedures": views with an INSTEAD OF INSERT trigger, so every trigger
-- shares one definition of each figure. Months are compared as strings: a session of month M has
-- M || '-' <= starts_at < M || '-99'.

CREATE TABLE rollup_engagement_months (
  org_id TEXT NOT NULL,
  month TEXT NOT NULL,
  engagement_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  held INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  held_ms INTEGER NOT NULL,
  slots INTEGER NOT NULL,
  responses INTEGER NOT NULL,
  value_1 INTEGER NOT NULL,
  value_2 INTEGER NOT NULL,
  value_3 INTEGER NOT NULL,
  value_4 INTEGER NOT NULL,
  value_5 INTEGER NOT NULL,
  safety_1 INTEGER NOT NULL,
  safety_2 INTEGER NOT NULL,
  safety_3 INTEGER NOT NULL,
  safety_4 INTEGER NOT NULL,
  safety_5 INTEGER NOT NULL,
  applied_1 INTEGER NOT NULL,
  applied_2 INTEGER NOT NULL,
  applied_3 INTEGER NOT NULL,
  applied_4 INTEGER NOT NULL,
  applied_5 INTEGER NOT NULL,
  PRIMARY KEY (org_id, month, engagement_id)
) WITHOUT ROWID;
CREATE INDEX rollup_engagement_months_engagement ON rollup_engagement_months (engagement_id, month);

CREATE TABLE rollup_programme_months (
  org_id TEXT NOT NULL,
  month TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  held INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  held_ms INTEGER NOT NULL,
  slots INTEGER NOT NULL,
  responses INTEGER NOT NULL,
  value_1 INTEGER NOT NULL,
  value_2 INTEGER NOT NULL,
  value_3 INTEGER NOT NULL,
  value_4 INTEGER NOT NULL,
  value_5 INTEGER NOT NULL,
  safety_1 INTEGER NOT NULL,
  safety_2 INTEGER NOT NULL,
  safety_3 INTEGER NOT NULL,
  safety_4 INTEGER NOT NULL,
  safety_5 INTEGER NOT NULL,
  applied_1 INTEGER NOT NULL,
  applied_2 INTEGER NOT NULL,
  applied_3 INTEGER NOT NULL,
  applied_4 INTEGER NOT NULL,
  applied_5 INTEGER NOT NULL,
  PRIMARY KEY (org_id, month, programme_id)
) WITHOUT ROWID;

CREATE TABLE rollup_member_months (
  org_id TEXT NOT NULL,
  engagement_id TEXT NOT NULL,
  month TEXT NOT NULL,
  respondent_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  value_n INTEGER NOT NULL,
  safety_n INTEGER NOT NULL,
  applied_n INTEGER NOT NULL,
  PRIMARY KEY (engagement_id, month, respondent_id)
) WITHOUT ROWID;
CREATE INDEX rollup_member_months_respondent ON rollup_member_months (respondent_id, month);

-- scope: a programme id, or '*' for any programme of the organisation. Bit (m − 1) of a mask: the
-- respondent answered that question about a held session that started in month m of the year.
CREATE TABLE rollup_respondent_years (
  org_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  scope TEXT NOT NULL,
  respondent_id TEXT NOT NULL,
  value_mask INTEGER NOT NULL,
  safety_mask INTEGER NOT NULL,
  applied_mask INTEGER NOT NULL,
  PRIMARY KEY (org_id, year, scope, respondent_id)
) WITHOUT ROWID;

CREATE TABLE rollup_engagement_gaps (
  org_id TEXT NOT NULL,
  engagement_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  month TEXT NOT NULL,
  prev_month TEXT NOT NULL,
  gap INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (engagement_id, month, prev_month, gap)
) WITHOUT ROWID;

CREATE TABLE rollup_programme_gaps (
  org_id TEXT NOT NULL,
  month TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  prev_month TEXT NOT NULL,
  gap INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (org_id, month, programme_id, prev_month, gap)
) WITHOUT ROWID;

CREATE TABLE rollup_engagements (
  org_id TEXT NOT NULL,
  engagement_id TEXT NOT NULL,
  programme_id TEXT NOT NULL, -- the engagement's own columns, so that one scan gives a row per engagement
  status TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  members TEXT NOT NULL,      -- JSON [[participantId, displayName, role], …]
  last_held_at TEXT,          -- the two latest held sessions' starts
  prev_held_at TEXT,
  s1_at TEXT,                 -- the three latest sessions (any status): starts and statuses
  s1_status TEXT,
  s2_at TEXT,
  s2_status TEXT,
  s3_status TEXT,
  -- What engagement analytics read of it, ready to send: JSON [id, programme_id, status, starts_on,
  -- ends_on, last_held_at, prev_held_at, members] (thousands of rows in one value: see packRows).
  row_json TEXT NOT NULL,
  PRIMARY KEY (org_id, engagement_id)
) WITHOUT ROWID;
CREATE INDEX rollup_engagements_engagement ON rollup_engagements (engagement_id);

-- The held and cancelled sessions of rollup_engagement_months again, a row per engagement and year
-- with a column per month: a year of 5,000 engagements is 5,000 rows to read, not 60,000.
CREATE TABLE rollup_engagement_years (
  org_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  engagement_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  held_01 INTEGER NOT NULL DEFAULT 0,
  held_02 INTEGER NOT NULL DEFAULT 0,
  held_03 INTEGER NOT NULL DEFAULT 0,
  held_04 INTEGER NOT NULL DEFAULT 0,
  held_05 INTEGER NOT NULL DEFAULT 0,
  held_06 INTEGER NOT NULL DEFAULT 0,
  held_07 INTEGER NOT NULL DEFAULT 0,
  held_08 INTEGER NOT NULL DEFAULT 0,
  held_09 INTEGER NOT NULL DEFAULT 0,
  held_10 INTEGER NOT NULL DEFAULT 0,
  held_11 INTEGER NOT NULL DEFAULT 0,
  held_12 INTEGER NOT NULL DEFAULT 0,
  cancelled_01 INTEGER NOT NULL DEFAULT 0,
  cancelled_02 INTEGER NOT NULL DEFAULT 0,
  cancelled_03 INTEGER NOT NULL DEFAULT 0,
  cancelled_04 INTEGER NOT NULL DEFAULT 0,
  cancelled_05 INTEGER NOT NULL DEFAULT 0,
  cancelled_06 INTEGER NOT NULL DEFAULT 0,
  cancelled_07 INTEGER NOT NULL DEFAULT 0,
  cancelled_08 INTEGER NOT NULL DEFAULT 0,
  cancelled_09 INTEGER NOT NULL DEFAULT 0,
  cancelled_10 INTEGER NOT NULL DEFAULT 0,
  cancelled_11 INTEGER NOT NULL DEFAULT 0,
  cancelled_12 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, year, engagement_id)
) WITHOUT ROWID;

-- How many respondents answered each question in a month, per scope (a programme, or '*'): the
-- month's bit counted over rollup_respondent_years.
CREATE TABLE rollup_month_respondents (
  org_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  month TEXT NOT NULL,
  value_n INTEGER NOT NULL,
  safety_n INTEGER NOT NULL,
  applied_n INTEGER NOT NULL,
  PRIMARY KEY (org_id, scope, month)
) WITHOUT ROWID;

-- Who holds which role in which engagement, with what representation needs of the engagement and
-- of the people: one row per member, read in one pass per request.
CREATE TABLE rollup_members (
  org_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  engagement_id TEXT NOT NULL,
  role TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  status TEXT NOT NULL,               -- the engagement's
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  senior_counterpart INTEGER NOT NULL, -- another member of the engagement is executive-level
  PRIMARY KEY (org_id, participant_id, engagement_id)
) WITHOUT ROWID;
CREATE INDEX rollup_members_engagement ON rollup_members (engagement_id);

-- Attribute lookups by (organisation, dimension, participant) without reading the table.
CREATE INDEX participant_attributes_org_dimension_participant ON participant_attributes (org_id, dimension, participant_id, value);

-- ---------------------------------------------------------------------------------------------
-- Procedures

-- The month M of engagement E: its sessions' counts and length, slots, pulse responses and scores,
-- and who answered what.
CREATE VIEW rollup_refresh_month AS SELECT NULL AS engagement_id, NULL AS month WHERE 0;
CREATE TRIGGER rollup_refresh_month_run INSTEAD OF INSERT ON rollup_refresh_month
BEGIN
  DELETE FROM rollup_engagement_months WHERE engagement_id = NEW.engagement_id AND month = NEW.month;
  INSERT INTO rollup_engagement_months (org_id, month, engagement_id, programme_id,
    held, cancelled, held_ms, slots, responses, value_1, value_2, value_3, value_4, value_5, safety_1, safety_2, safety_3,
    safety_4, safety_5, applied_1, applied_2, applied_3, applied_4, applied_5)
  SELECT e.org_id, NEW.month, e.id, e.programme_id,
    sum(x.held), sum(x.cancelled), sum(x.held_ms),
    sum(x.held) * (SELECT count(*) FROM engagement_members m WHERE m.engagement_id = e.id),
    sum(x.responses),
    sum(x.value_1), sum(x.value_2), sum(x.value_3), sum(x.value_4), sum(x.value_5), sum(x.safety_1), sum(x.safety_2),
    sum(x.safety_3), sum(x.safety_4), sum(x.safety_5), sum(x.applied_1), sum(x.applied_2), sum(x.applied_3),
    sum(x.applied_4), sum(x.applied_5)
  FROM engagements e JOIN (
    SELECT s.status = 'held' AS held, s.status = 'cancelled' AS cancelled,
      CASE WHEN s.status = 'held' THEN CAST(round((julianday(s.ends_at) - julianday(s.starts_at)) * 86400000) AS INTEGER) ELSE 0 END AS held_ms,
      0 AS responses,
      0 AS value_1, 0 AS value_2, 0 AS value_3, 0 AS value_4, 0 AS value_5, 0 AS safety_1, 0 AS safety_2, 0 AS safety_3,
      0 AS safety_4, 0 AS safety_5, 0 AS applied_1, 0 AS applied_2, 0 AS applied_3, 0 AS applied_4, 0 AS applied_5
    FROM sessions s
    WHERE s.engagement_id = NEW.engagement_id AND s.starts_at >= NEW.month || '-' AND s.starts_at < NEW.month || '-99'
    UNION ALL
    SELECT 0, 0, 0, 1,
      r.value IS 1, r.value IS 2, r.value IS 3, r.value IS 4, r.value IS 5, r.safety IS 1, r.safety IS 2, r.safety IS 3,
      r.safety IS 4, r.safety IS 5, r.applied IS 1, r.applied IS 2, r.applied IS 3, r.applied IS 4, r.applied IS 5
    FROM sessions s JOIN pulse_responses r ON r.session_id = s.id
    WHERE s.engagement_id = NEW.engagement_id AND s.starts_at >= NEW.month || '-' AND s.starts_at < NEW.month || '-99'
      AND s.status = 'held'
  ) x ON true
  WHERE e.id = NEW.engagement_id
  GROUP BY e.id;

  DELETE FROM rollup_member_months WHERE engagement_id = NEW.engagement_id AND month = NEW.month;
  INSERT INTO rollup_member_months (org_id, engagement_id, month, respondent_id, programme_id, value_n, safety_n, applied_n)
  SELECT e.org_id, e.id, NEW.month, r.respondent_id, e.programme_id, count(r.value), count(r.safety), count(r.applied)
  FROM engagements e JOIN sessions s ON s.engagement_id = e.id JOIN pulse_responses r ON r.session_id = s.id
  WHERE e.id = NEW.engagement_id AND s.starts_at >= NEW.month || '-' AND s.starts_at < NEW.month || '-99'
    AND s.status = 'held'
  GROUP BY r.respondent_id;
END;

-- Engagement E's gaps between consecutive held sessions (calendar days between their UTC dates).
CREATE VIEW rollup_refresh_gaps AS SELECT NULL AS engagement_id WHERE 0;
CREATE TRIGGER rollup_refresh_gaps_run INSTEAD OF INSERT ON rollup_refresh_gaps
BEGIN
  DELETE FROM rollup_engagement_gaps WHERE engagement_id = NEW.engagement_id;
  INSERT INTO rollup_engagement_gaps (org_id, engagement_id, programme_id, month, prev_month, gap, n)
  SELECT e.org_id, e.id, e.programme_id, g.month, g.prev_month, g.gap, count(*)
  FROM engagements e JOIN (
    SELECT substr(starts_at, 1, 7) AS month, substr(lag(starts_at) OVER w, 1, 7) AS prev_month,
      CAST(julianday(substr(starts_at, 1, 10)) AS INTEGER) - CAST(julianday(substr(lag(starts_at) OVER w, 1, 10)) AS INTEGER) AS gap
    FROM sessions WHERE engagement_id = NEW.engagement_id AND status = 'held'
    WINDOW w AS (ORDER BY starts_at)
  ) g ON true
  WHERE e.id = NEW.engagement_id AND g.gap IS NOT NULL
  GROUP BY g.month, g.prev_month, g.gap;
END;

-- Engagement E's members (as analytics return them) and its latest sessions. Keeping the two latest
-- held and three latest sessions lets queries "as of" a day answer from here even when the next
-- session is already booked (sessions are often tagged ahead).
CREATE VIEW rollup_refresh_engagement AS SELECT NULL AS engagement_id WHERE 0;
CREATE TRIGGER rollup_refresh_engagement_run INSTEAD OF INSERT ON rollup_refresh_engagement
BEGIN
  DELETE FROM rollup_engagements WHERE engagement_id = NEW.engagement_id;
  INSERT INTO rollup_engagements (org_id, engagement_id, programme_id, status, starts_on, ends_on, members,
    last_held_at, prev_held_at, s1_at, s1_status, s2_at, s2_status, s3_status, row_json)
  SELECT e.org_id, e.id, e.programme_id, e.status, e.starts_on, e.ends_on,
    (SELECT json_group_array(json_array(m.participant_id, pa.display_name, m.role))
      FROM engagement_members m JOIN participants pa ON pa.id = m.participant_id WHERE m.engagement_id = e.id),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' ORDER BY x.starts_at DESC LIMIT 1),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' ORDER BY x.starts_at DESC LIMIT 1 OFFSET 1),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1),
    (SELECT status FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1 OFFSET 1),
    (SELECT status FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1 OFFSET 1),
    (SELECT status FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1 OFFSET 2),
    '[]'
  FROM engagements e WHERE e.id = NEW.engagement_id;
  UPDATE rollup_engagements
  SET row_json = json_array(engagement_id, programme_id, status, starts_on, ends_on, last_held_at, prev_held_at, json(members))
  WHERE engagement_id = NEW.engagement_id;
END;

-- Engagement E's members, for representation.
CREATE VIEW rollup_refresh_members AS SELECT NULL AS engagement_id WHERE 0;
CREATE TRIGGER rollup_refresh_members_run INSTEAD OF INSERT ON rollup_refresh_members
BEGIN
  DELETE FROM rollup_members WHERE engagement_id = NEW.engagement_id;
  INSERT INTO rollup_members (org_id, participant_id, engagement_id, role, programme_id, status, starts_on, ends_on, senior_counterpart)
  SELECT e.org_id, m.participant_id, e.id, m.role, e.programme_id, e.status, e.starts_on, e.ends_on,
    EXISTS (SELECT 1 FROM engagement_members x JOIN participants p ON p.id = x.participant_id
      WHERE x.engagement_id = e.id AND x.participant_id <> m.participant_id AND p.level = 'executive')
  FROM engagements e JOIN engagement_members m ON m.engagement_id = e.id
  WHERE e.id = NEW.engagement_id;
END;

-- Slots (held sessions × members) after E's members changed.
CREATE VIEW rollup_refresh_slots AS SELECT NULL AS engagement_id WHERE 0;
CREATE TRIGGER rollup_refresh_slots_run INSTEAD OF INSERT ON rollup_refresh_slots
BEGIN
  UPDATE rollup_engagement_months SET slots = held * (SELECT count(*) FROM engagement_members m WHERE m.engagement_id = NEW.engagement_id)
  WHERE engagement_id = NEW.engagement_id;
END;

-- Everything about engagement E, from scratch (backfill, and a change of programme).
CREATE VIEW rollup_rebuild AS SELECT NULL AS engagement_id WHERE 0;
CREATE TRIGGER rollup_rebuild_run INSTEAD OF INSERT ON rollup_rebuild
BEGIN
  DELETE FROM rollup_engagement_months WHERE engagement_id = NEW.engagement_id;
  DELETE FROM rollup_member_months WHERE engagement_id = NEW.engagement_id;
  INSERT INTO rollup_refresh_month (engagement_id, month)
    SELECT DISTINCT NEW.engagement_id, substr(starts_at, 1, 7) FROM sessions WHERE engagement_id = NEW.engagement_id;
  INSERT INTO rollup_refresh_gaps (engagement_id) VALUES (NEW.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (NEW.engagement_id);
  INSERT INTO rollup_refresh_members (engagement_id) VALUES (NEW.engagement_id);
END;

-- ---------------------------------------------------------------------------------------------
-- Derived rollups, maintained from the per-engagement ones

CREATE TRIGGER rollup_engagement_months_added AFTER INSERT ON rollup_engagement_months
BEGIN
  INSERT INTO rollup_programme_months (org_id, month, programme_id,
    held, cancelled, held_ms, slots, responses, value_1, value_2, value_3, value_4, value_5, safety_1, safety_2, safety_3,
    safety_4, safety_5, applied_1, applied_2, applied_3, applied_4, applied_5)
  VALUES (NEW.org_id, NEW.month, NEW.programme_id,
    NEW.held, NEW.cancelled, NEW.held_ms, NEW.slots, NEW.responses, NEW.value_1, NEW.value_2, NEW.value_3, NEW.value_4,
    NEW.value_5, NEW.safety_1, NEW.safety_2, NEW.safety_3, NEW.safety_4, NEW.safety_5, NEW.applied_1, NEW.applied_2,
    NEW.applied_3, NEW.applied_4, NEW.applied_5)
  ON CONFLICT (org_id, month, programme_id) DO UPDATE SET
    held = held + excluded.held, cancelled = cancelled + excluded.cancelled, held_ms = held_ms + excluded.held_ms,
    slots = slots + excluded.slots, responses = responses + excluded.responses, value_1 = value_1 + excluded.value_1,
    value_2 = value_2 + excluded.value_2, value_3 = value_3 + excluded.value_3, value_4 = value_4 + excluded.value_4,
    value_5 = value_5 + excluded.value_5, safety_1 = safety_1 + excluded.safety_1, safety_2 = safety_2 + excluded.safety_2,
    safety_3 = safety_3 + excluded.safety_3, safety_4 = safety_4 + excluded.safety_4,
    safety_5 = safety_5 + excluded.safety_5, applied_1 = applied_1 + excluded.applied_1,
    applied_2 = applied_2 + excluded.applied_2, applied_3 = applied_3 + excluded.applied_3,
    applied_4 = applied_4 + excluded.applied_4, applied_5 = applied_5 + excluded.applied_5;
END;

CREATE TRIGGER rollup_engagement_months_removed AFTER DELETE ON rollup_engagement_months
BEGIN
  UPDATE rollup_programme_months SET
    held = held - OLD.held, cancelled = cancelled - OLD.cancelled, held_ms = held_ms - OLD.held_ms,
    slots = slots - OLD.slots, responses = responses - OLD.responses, value_1 = value_1 - OLD.value_1,
    value_2 = value_2 - OLD.value_2, value_3 = value_3 - OLD.value_3, value_4 = value_4 - OLD.value_4,
    value_5 = value_5 - OLD.value_5, safety_1 = safety_1 - OLD.safety_1, safety_2 = safety_2 - OLD.safety_2,
    safety_3 = safety_3 - OLD.safety_3, safety_4 = safety_4 - OLD.safety_4, safety_5 = safety_5 - OLD.safety_5,
    applied_1 = applied_1 - OLD.applied_1, applied_2 = applied_2 - OLD.applied_2, applied_3 = applied_3 - OLD.applied_3,
    applied_4 = applied_4 - OLD.applied_4, applied_5 = applied_5 - OLD.applied_5
  WHERE org_id = OLD.org_id AND month = OLD.month AND programme_id = OLD.programme_id;
END;

CREATE TRIGGER rollup_engagement_months_changed AFTER UPDATE ON rollup_engagement_months
BEGIN
  UPDATE rollup_programme_months SET
    held = held - OLD.held, cancelled = cancelled - OLD.cancelled, held_ms = held_ms - OLD.held_ms,
    slots = slots - OLD.slots, responses = responses - OLD.responses, value_1 = value_1 - OLD.value_1,
    value_2 = value_2 - OLD.value_2, value_3 = value_3 - OLD.value_3, value_4 = value_4 - OLD.value_4,
    value_5 = value_5 - OLD.value_5, safety_1 = safety_1 - OLD.safety_1, safety_2 = safety_2 - OLD.safety_2,
    safety_3 = safety_3 - OLD.safety_3, safety_4 = safety_4 - OLD.safety_4, safety_5 = safety_5 - OLD.safety_5,
    applied_1 = applied_1 - OLD.applied_1, applied_2 = applied_2 - OLD.applied_2, applied_3 = applied_3 - OLD.applied_3,
    applied_4 = applied_4 - OLD.applied_4, applied_5 = applied_5 - OLD.applied_5
  WHERE org_id = OLD.org_id AND month = OLD.month AND programme_id = OLD.programme_id;
  INSERT INTO rollup_programme_months (org_id, month, programme_id,
    held, cancelled, held_ms, slots, responses, value_1, value_2, value_3, value_4, value_5, safety_1, safety_2, safety_3,
    safety_4, safety_5, applied_1, applied_2, applied_3, applied_4, applied_5)
  VALUES (NEW.org_id, NEW.month, NEW.programme_id,
    NEW.held, NEW.cancelled, NEW.held_ms, NEW.slots, NEW.responses, NEW.value_1, NEW.value_2, NEW.value_3, NEW.value_4,
    NEW.value_5, NEW.safety_1, NEW.safety_2, NEW.safety_3, NEW.safety_4, NEW.safety_5, NEW.applied_1, NEW.applied_2,
    NEW.applied_3, NEW.applied_4, NEW.applied_5)
  ON CONFLICT (org_id, month, programme_id) DO UPDATE SET
    held = held + excluded.held, cancelled = cancelled + excluded.cancelled, held_ms = held_ms + excluded.held_ms,
    slots = slots + excluded.slots, responses = responses + excluded.responses, value_1 = value_1 + excluded.value_1,
    value_2 = value_2 + excluded.value_2, value_3 = value_3 + excluded.value_3, value_4 = value_4 + excluded.value_4,
    value_5 = value_5 + excluded.value_5, safety_1 = safety_1 + excluded.safety_1, safety_2 = safety_2 + excluded.safety_2,
    safety_3 = safety_3 + excluded.safety_3, safety_4 = safety_4 + excluded.safety_4,
    safety_5 = safety_5 + excluded.safety_5, applied_1 = applied_1 + excluded.applied_1,
    applied_2 = applied_2 + excluded.applied_2, applied_3 = applied_3 + excluded.applied_3,
    applied_4 = applied_4 + excluded.applied_4, applied_5 = applied_5 + excluded.applied_5;
END;

CREATE TRIGGER rollup_engagement_months_to_years_added AFTER INSERT ON rollup_engagement_months
BEGIN
  INSERT INTO rollup_engagement_years (org_id, year, engagement_id, programme_id,
    held_01, held_02, held_03, held_04, held_05, held_06, held_07, held_08, held_09, held_10, held_11, held_12, cancelled_01,
    cancelled_02, cancelled_03, cancelled_04, cancelled_05, cancelled_06, cancelled_07, cancelled_08, cancelled_09,
    cancelled_10, cancelled_11, cancelled_12)
  VALUES (NEW.org_id, CAST(substr(NEW.month, 1, 4) AS INTEGER), NEW.engagement_id, NEW.programme_id,
    CASE WHEN substr(NEW.month, 6, 2) = '01' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '02' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '03' THEN NEW.held ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '04' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '05' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '06' THEN NEW.held ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '07' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '08' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '09' THEN NEW.held ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '10' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '11' THEN NEW.held ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '12' THEN NEW.held ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '01' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '02' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '03' THEN NEW.cancelled ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '04' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '05' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '06' THEN NEW.cancelled ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '07' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '08' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '09' THEN NEW.cancelled ELSE 0 END,
    CASE WHEN substr(NEW.month, 6, 2) = '10' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6,
    2) = '11' THEN NEW.cancelled ELSE 0 END, CASE WHEN substr(NEW.month, 6, 2) = '12' THEN NEW.cancelled ELSE 0 END)
  ON CONFLICT (org_id, year, engagement_id) DO UPDATE SET
    held_01 = held_01 + excluded.held_01, held_02 = held_02 + excluded.held_02, held_03 = held_03 + excluded.held_03,
    held_04 = held_04 + excluded.held_04, held_05 = held_05 + excluded.held_05, held_06 = held_06 + excluded.held_06,
    held_07 = held_07 + excluded.held_07, held_08 = held_08 + excluded.held_08, held_09 = held_09 + excluded.held_09,
    held_10 = held_10 + excluded.held_10, held_11 = held_11 + excluded.held_11, held_12 = held_12 + excluded.held_12,
    cancelled_01 = cancelled_01 + excluded.cancelled_01, cancelled_02 = cancelled_02 + excluded.cancelled_02,
    cancelled_03 = cancelled_03 + excluded.cancelled_03, cancelled_04 = cancelled_04 + excluded.cancelled_04,
    cancelled_05 = cancelled_05 + excluded.cancelled_05, cancelled_06 = cancelled_06 + excluded.cancelled_06,
    cancelled_07 = cancelled_07 + excluded.cancelled_07, cancelled_08 = cancelled_08 + excluded.cancelled_08,
    cancelled_09 = cancelled_09 + excluded.cancelled_09, cancelled_10 = cancelled_10 + excluded.cancelled_10,
    cancelled_11 = cancelled_11 + excluded.cancelled_11, cancelled_12 = cancelled_12 + excluded.cancelled_12;
END;

CREATE TRIGGER rollup_engagement_months_to_years_removed AFTER DELETE ON rollup_engagement_months
BEGIN
  UPDATE rollup_engagement_years SET
    held_01 = held_01 - CASE WHEN substr(OLD.month, 6, 2) = '01' THEN OLD.held ELSE 0 END,
    held_02 = held_02 - CASE WHEN substr(OLD.month, 6, 2) = '02' THEN OLD.held ELSE 0 END,
    held_03 = held_03 - CASE WHEN substr(OLD.month, 6, 2) = '03' THEN OLD.held ELSE 0 END,
    held_04 = held_04 - CASE WHEN substr(OLD.month, 6, 2) = '04' THEN OLD.held ELSE 0 END,
    held_05 = held_05 - CASE WHEN substr(OLD.month, 6, 2) = '05' THEN OLD.held ELSE 0 END,
    held_06 = held_06 - CASE WHEN substr(OLD.month, 6, 2) = '06' THEN OLD.held ELSE 0 END,
    held_07 = held_07 - CASE WHEN substr(OLD.month, 6, 2) = '07' THEN OLD.held ELSE 0 END,
    held_08 = held_08 - CASE WHEN substr(OLD.month, 6, 2) = '08' THEN OLD.held ELSE 0 END,
    held_09 = held_09 - CASE WHEN substr(OLD.month, 6, 2) = '09' THEN OLD.held ELSE 0 END,
    held_10 = held_10 - CASE WHEN substr(OLD.month, 6, 2) = '10' THEN OLD.held ELSE 0 END,
    held_11 = held_11 - CASE WHEN substr(OLD.month, 6, 2) = '11' THEN OLD.held ELSE 0 END,
    held_12 = held_12 - CASE WHEN substr(OLD.month, 6, 2) = '12' THEN OLD.held ELSE 0 END,
    cancelled_01 = cancelled_01 - CASE WHEN substr(OLD.month, 6, 2) = '01' THEN OLD.cancelled ELSE 0 END,
    cancelled_02 = cancelled_02 - CASE WHEN substr(OLD.month, 6, 2) = '02' THEN OLD.cancelled ELSE 0 END,
    cancelled_03 = cancelled_03 - CASE WHEN substr(OLD.month, 6, 2) = '03' THEN OLD.cancelled ELSE 0 END,
    cancelled_04 = cancelled_04 - CASE WHEN substr(OLD.month, 6, 2) = '04' THEN OLD.cancelled ELSE 0 END,
    cancelled_05 = cancelled_05 - CASE WHEN substr(OLD.month, 6, 2) = '05' THEN OLD.cancelled ELSE 0 END,
    cancelled_06 = cancelled_06 - CASE WHEN substr(OLD.month, 6, 2) = '06' THEN OLD.cancelled ELSE 0 END,
    cancelled_07 = cancelled_07 - CASE WHEN substr(OLD.month, 6, 2) = '07' THEN OLD.cancelled ELSE 0 END,
    cancelled_08 = cancelled_08 - CASE WHEN substr(OLD.month, 6, 2) = '08' THEN OLD.cancelled ELSE 0 END,
    cancelled_09 = cancelled_09 - CASE WHEN substr(OLD.month, 6, 2) = '09' THEN OLD.cancelled ELSE 0 END,
    cancelled_10 = cancelled_10 - CASE WHEN substr(OLD.month, 6, 2) = '10' THEN OLD.cancelled ELSE 0 END,
    cancelled_11 = cancelled_11 - CASE WHEN substr(OLD.month, 6, 2) = '11' THEN OLD.cancelled ELSE 0 END,
    cancelled_12 = cancelled_12 - CASE WHEN substr(OLD.month, 6, 2) = '12' THEN OLD.cancelled ELSE 0 END
  WHERE org_id = OLD.org_id AND year = CAST(substr(OLD.month, 1, 4) AS INTEGER) AND engagement_id = OLD.engagement_id;
END;

CREATE TRIGGER rollup_engagement_months_to_years_changed AFTER UPDATE OF held, cancelled ON rollup_engagement_months
BEGIN
  UPDATE rollup_engagement_years SET
    held_01 = held_01 - CASE WHEN substr(OLD.month, 6, 2) = '01' THEN OLD.held ELSE 0 END,
    held_02 = held_02 - CASE WHEN substr(OLD.month, 6, 2) = '02' THEN OLD.held ELSE 0 END,
    held_03 = held_03 - CASE WHEN substr(OLD.month, 6, 2) = '03' THEN OLD.held ELSE 0 END,
    held_04 = held_04 - CASE WHEN substr(OLD.month, 6, 2) = '04' THEN OLD.held ELSE 0 END,
    held_05 = held_05 - CASE WHEN substr(OLD.month, 6, 2) = '05' THEN OLD.held ELSE 0 END,
    held_06 = held_06 - CASE WHEN substr(OLD.month, 6, 2) = '06' THEN OLD.held ELSE 0 END,
    held_07 = held_07 - CASE WHEN substr(OLD.month, 6, 2) = '07' THEN OLD.held ELSE 0 END,
    held_08 = held_08 - CASE WHEN substr(OLD.month, 6, 2) = '08' THEN OLD.held ELSE 0 END,
    held_09 = held_09 - CASE WHEN substr(OLD.month, 6, 2) = '09' THEN OLD.held ELSE 0 END,
    held_10 = held_10 - CASE WHEN substr(OLD.month, 6, 2) = '10' THEN OLD.held ELSE 0 END,
    held_11 = held_11 - CASE WHEN substr(OLD.month, 6, 2) = '11' THEN OLD.held ELSE 0 END,
    held_12 = held_12 - CASE WHEN substr(OLD.month, 6, 2) = '12' THEN OLD.held ELSE 0 END,
    cancelled_01 = cancelled_01 - CASE WHEN substr(OLD.month, 6, 2) = '01' THEN OLD.cancelled ELSE 0 END,
    cancelled_02 = cancelled_02 - CASE WHEN substr(OLD.month, 6, 2) = '02' THEN OLD.cancelled ELSE 0 END,
    cancelled_03 = cancelled_03 - CASE WHEN substr(OLD.month, 6, 2) = '03' THEN OLD.cancelled ELSE 0 END,
    cancelled_04 = cancelled_04 - CASE WHEN substr(OLD.month, 6, 2) = '04' THEN OLD.cancelled ELSE 0 END,
    cancelled_05 = cancelled_05 - CASE WHEN substr(OLD.month, 6, 2) = '05' THEN OLD.cancelled ELSE 0 END,
    cancelled_06 = cancelled_06 - CASE WHEN substr(OLD.month, 6, 2) = '06' THEN OLD.cancelled ELSE 0 END,
    cancelled_07 = cancelled_07 - CASE WHEN substr(OLD.month, 6, 2) = '07' THEN OLD.cancelled ELSE 0 END,
    cancelled_08 = cancelled_08 - CASE WHEN substr(OLD.month, 6, 2) = '08' THEN OLD.cancelled ELSE 0 END,
    cancelled_09 = cancelled_09 - CASE WHEN substr(OLD.month, 6, 2) = '09' THEN OLD.cancelled ELSE 0 END,
    cancelled_10 = cancelled_10 - CASE WHEN substr(OLD.month, 6, 2) = '10' THEN OLD.cancelled ELSE 0 END,
    cancelled_11 = cancelled_11 - CASE WHEN substr(OLD.month, 6, 2) = '11' THEN OLD.cancelled ELSE 0 END,
    cancelled_12 = cancelled_12 - CASE WHEN substr(OLD.month, 6, 2) = '12' THEN OLD.cancelled ELSE 0 END
  WHERE org_id = OLD.org_id AND year = CAST(substr(OLD.month, 1, 4) AS INTEGER) AND engagement_id = OLD.engagement_id;
  UPDATE rollup_engagement_years SET
    held_01 = held_01 + CASE WHEN substr(NEW.month, 6, 2) = '01' THEN NEW.held ELSE 0 END,
    held_02 = held_02 + CASE WHEN substr(NEW.month, 6, 2) = '02' THEN NEW.held ELSE 0 END,
    held_03 = held_03 + CASE WHEN substr(NEW.month, 6, 2) = '03' THEN NEW.held ELSE 0 END,
    held_04 = held_04 + CASE WHEN substr(NEW.month, 6, 2) = '04' THEN NEW.held ELSE 0 END,
    held_05 = held_05 + CASE WHEN substr(NEW.month, 6, 2) = '05' THEN NEW.held ELSE 0 END,
    held_06 = held_06 + CASE WHEN substr(NEW.month, 6, 2) = '06' THEN NEW.held ELSE 0 END,
    held_07 = held_07 + CASE WHEN substr(NEW.month, 6, 2) = '07' THEN NEW.held ELSE 0 END,
    held_08 = held_08 + CASE WHEN substr(NEW.month, 6, 2) = '08' THEN NEW.held ELSE 0 END,
    held_09 = held_09 + CASE WHEN substr(NEW.month, 6, 2) = '09' THEN NEW.held ELSE 0 END,
    held_10 = held_10 + CASE WHEN substr(NEW.month, 6, 2) = '10' THEN NEW.held ELSE 0 END,
    held_11 = held_11 + CASE WHEN substr(NEW.month, 6, 2) = '11' THEN NEW.held ELSE 0 END,
    held_12 = held_12 + CASE WHEN substr(NEW.month, 6, 2) = '12' THEN NEW.held ELSE 0 END,
    cancelled_01 = cancelled_01 + CASE WHEN substr(NEW.month, 6, 2) = '01' THEN NEW.cancelled ELSE 0 END,
    cancelled_02 = cancelled_02 + CASE WHEN substr(NEW.month, 6, 2) = '02' THEN NEW.cancelled ELSE 0 END,
    cancelled_03 = cancelled_03 + CASE WHEN substr(NEW.month, 6, 2) = '03' THEN NEW.cancelled ELSE 0 END,
    cancelled_04 = cancelled_04 + CASE WHEN substr(NEW.month, 6, 2) = '04' THEN NEW.cancelled ELSE 0 END,
    cancelled_05 = cancelled_05 + CASE WHEN substr(NEW.month, 6, 2) = '05' THEN NEW.cancelled ELSE 0 END,
    cancelled_06 = cancelled_06 + CASE WHEN substr(NEW.month, 6, 2) = '06' THEN NEW.cancelled ELSE 0 END,
    cancelled_07 = cancelled_07 + CASE WHEN substr(NEW.month, 6, 2) = '07' THEN NEW.cancelled ELSE 0 END,
    cancelled_08 = cancelled_08 + CASE WHEN substr(NEW.month, 6, 2) = '08' THEN NEW.cancelled ELSE 0 END,
    cancelled_09 = cancelled_09 + CASE WHEN substr(NEW.month, 6, 2) = '09' THEN NEW.cancelled ELSE 0 END,
    cancelled_10 = cancelled_10 + CASE WHEN substr(NEW.month, 6, 2) = '10' THEN NEW.cancelled ELSE 0 END,
    cancelled_11 = cancelled_11 + CASE WHEN substr(NEW.month, 6, 2) = '11' THEN NEW.cancelled ELSE 0 END,
    cancelled_12 = cancelled_12 + CASE WHEN substr(NEW.month, 6, 2) = '12' THEN NEW.cancelled ELSE 0 END
  WHERE org_id = NEW.org_id AND year = CAST(substr(NEW.month, 1, 4) AS INTEGER) AND engagement_id = NEW.engagement_id;
END;

CREATE TRIGGER rollup_respondent_years_added AFTER INSERT ON rollup_respondent_years
BEGIN
  INSERT INTO rollup_month_respondents (org_id, scope, month, value_n, safety_n, applied_n)
  SELECT NEW.org_id, NEW.scope, printf('%04d-%02d', NEW.year, b.value + 1),
    (NEW.value_mask >> b.value) & 1, (NEW.safety_mask >> b.value) & 1, (NEW.applied_mask >> b.value) & 1
  FROM json_each('[0,1,2,3,4,5,6,7,8,9,10,11]') b
  WHERE ((NEW.value_mask | NEW.safety_mask | NEW.applied_mask) >> b.value) & 1
  ON CONFLICT (org_id, scope, month) DO UPDATE SET
    value_n = value_n + excluded.value_n, safety_n = safety_n + excluded.safety_n, applied_n = applied_n + excluded.applied_n;
END;

CREATE TRIGGER rollup_respondent_years_removed AFTER DELETE ON rollup_respondent_years
BEGIN
  UPDATE rollup_month_respondents SET
    value_n = value_n - ((OLD.value_mask >> (CAST(substr(month, 6, 2) AS INTEGER) - 1)) & 1),
    safety_n = safety_n - ((OLD.safety_mask >> (CAST(substr(month, 6, 2) AS INTEGER) - 1)) & 1),
    applied_n = applied_n - ((OLD.applied_mask >> (CAST(substr(month, 6, 2) AS INTEGER) - 1)) & 1)
  WHERE org_id = OLD.org_id AND scope = OLD.scope AND month >= OLD.year || '-' AND month < OLD.year || '-99';
END;

CREATE TRIGGER rollup_engagement_gaps_added AFTER INSERT ON rollup_engagement_gaps
BEGIN
  INSERT INTO rollup_programme_gaps (org_id, month, programme_id, prev_month, gap, n)
  VALUES (NEW.org_id, NEW.month, NEW.programme_id, NEW.prev_month, NEW.gap, NEW.n)
  ON CONFLICT (org_id, month, programme_id, prev_month, gap) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER rollup_engagement_gaps_removed AFTER DELETE ON rollup_engagement_gaps
BEGIN
  UPDATE rollup_programme_gaps SET n = n - OLD.n
  WHERE org_id = OLD.org_id AND month = OLD.month AND programme_id = OLD.programme_id AND prev_month = OLD.prev_month AND gap = OLD.gap;
END;

-- A respondent's masks for one year, in one programme and in any programme.
CREATE VIEW rollup_refresh_respondent AS SELECT NULL AS org_id, NULL AS respondent_id, NULL AS programme_id, NULL AS year WHERE 0;
CREATE TRIGGER rollup_refresh_respondent_run INSTEAD OF INSERT ON rollup_refresh_respondent
BEGIN
  DELETE FROM rollup_respondent_years
  WHERE org_id = NEW.org_id AND year = NEW.year AND scope IN (NEW.programme_id, '*') AND respondent_id = NEW.respondent_id;
  INSERT INTO rollup_respondent_years (org_id, year, scope, respondent_id, value_mask, safety_mask, applied_mask)
  SELECT NEW.org_id, NEW.year, scope, NEW.respondent_id,
    coalesce(sum(DISTINCT CASE WHEN value_n > 0 THEN bit END), 0),
    coalesce(sum(DISTINCT CASE WHEN safety_n > 0 THEN bit END), 0),
    coalesce(sum(DISTINCT CASE WHEN applied_n > 0 THEN bit END), 0)
  FROM (
    SELECT s.value AS scope, 1 << (CAST(substr(mm.month, 6, 2) AS INTEGER) - 1) AS bit, mm.value_n, mm.safety_n, mm.applied_n
    FROM rollup_member_months mm JOIN json_each(json_array(NEW.programme_id, '*')) s
    WHERE mm.respondent_id = NEW.respondent_id AND mm.month >= NEW.year || '-' AND mm.month < NEW.year || '-99'
      AND (s.value = '*' OR mm.programme_id = s.value)
  )
  GROUP BY scope
  HAVING sum(value_n) + sum(safety_n) + sum(applied_n) > 0;
END;

CREATE TRIGGER rollup_member_months_added AFTER INSERT ON rollup_member_months
BEGIN
  INSERT INTO rollup_refresh_respondent (org_id, respondent_id, programme_id, year)
  VALUES (NEW.org_id, NEW.respondent_id, NEW.programme_id, CAST(substr(NEW.month, 1, 4) AS INTEGER));
END;

CREATE TRIGGER rollup_member_months_removed AFTER DELETE ON rollup_member_months
BEGIN
  INSERT INTO rollup_refresh_respondent (org_id, respondent_id, programme_id, year)
  VALUES (OLD.org_id, OLD.respondent_id, OLD.programme_id, CAST(substr(OLD.month, 1, 4) AS INTEGER));
END;

-- ---------------------------------------------------------------------------------------------
-- Writes to the facts

CREATE TRIGGER rollup_session_added AFTER INSERT ON sessions
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month) VALUES (NEW.engagement_id, substr(NEW.starts_at, 1, 7));
  INSERT INTO rollup_refresh_gaps (engagement_id) VALUES (NEW.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (NEW.engagement_id);
END;

CREATE TRIGGER rollup_session_changed AFTER UPDATE OF engagement_id, starts_at, ends_at, status ON sessions
WHEN OLD.engagement_id IS NOT NEW.engagement_id OR OLD.starts_at IS NOT NEW.starts_at
  OR OLD.ends_at IS NOT NEW.ends_at OR OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month) VALUES (OLD.engagement_id, substr(OLD.starts_at, 1, 7));
  INSERT INTO rollup_refresh_month (engagement_id, month) SELECT NEW.engagement_id, substr(NEW.starts_at, 1, 7)
    WHERE OLD.engagement_id IS NOT NEW.engagement_id OR substr(OLD.starts_at, 1, 7) IS NOT substr(NEW.starts_at, 1, 7);
  INSERT INTO rollup_refresh_gaps (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_gaps (engagement_id) SELECT NEW.engagement_id WHERE OLD.engagement_id IS NOT NEW.engagement_id;
  INSERT INTO rollup_refresh_engagement (engagement_id) SELECT NEW.engagement_id WHERE OLD.engagement_id IS NOT NEW.engagement_id;
END;

CREATE TRIGGER rollup_session_removed AFTER DELETE ON sessions
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month) VALUES (OLD.engagement_id, substr(OLD.starts_at, 1, 7));
  INSERT INTO rollup_refresh_gaps (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (OLD.engagement_id);
END;

CREATE TRIGGER rollup_pulse_added AFTER INSERT ON pulse_responses
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month)
    SELECT engagement_id, substr(starts_at, 1, 7) FROM sessions WHERE id = NEW.session_id;
END;

CREATE TRIGGER rollup_pulse_changed AFTER UPDATE OF session_id, respondent_id, value, safety, applied ON pulse_responses
WHEN OLD.session_id IS NOT NEW.session_id OR OLD.respondent_id IS NOT NEW.respondent_id
  OR OLD.value IS NOT NEW.value OR OLD.safety IS NOT NEW.safety OR OLD.applied IS NOT NEW.applied
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month)
    SELECT engagement_id, substr(starts_at, 1, 7) FROM sessions WHERE id = OLD.session_id;
  INSERT INTO rollup_refresh_month (engagement_id, month)
    SELECT engagement_id, substr(starts_at, 1, 7) FROM sessions WHERE id = NEW.session_id AND OLD.session_id IS NOT NEW.session_id;
END;

CREATE TRIGGER rollup_pulse_removed AFTER DELETE ON pulse_responses
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month)
    SELECT engagement_id, substr(starts_at, 1, 7) FROM sessions WHERE id = OLD.session_id;
END;

CREATE TRIGGER rollup_member_added AFTER INSERT ON engagement_members
BEGIN
  INSERT INTO rollup_refresh_slots (engagement_id) VALUES (NEW.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (NEW.engagement_id);
  INSERT INTO rollup_refresh_members (engagement_id) VALUES (NEW.engagement_id);
END;

CREATE TRIGGER rollup_member_changed AFTER UPDATE ON engagement_members
BEGIN
  INSERT INTO rollup_refresh_slots (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_members (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_slots (engagement_id) SELECT NEW.engagement_id WHERE OLD.engagement_id IS NOT NEW.engagement_id;
  INSERT INTO rollup_refresh_engagement (engagement_id) SELECT NEW.engagement_id WHERE OLD.engagement_id IS NOT NEW.engagement_id;
  INSERT INTO rollup_refresh_members (engagement_id) SELECT NEW.engagement_id WHERE OLD.engagement_id IS NOT NEW.engagement_id;
END;

CREATE TRIGGER rollup_member_removed AFTER DELETE ON engagement_members
BEGIN
  INSERT INTO rollup_refresh_slots (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_members (engagement_id) VALUES (OLD.engagement_id);
END;

-- A renamed participant appears under the new name in their engagements' member lists, and a
-- change of level changes who has a senior counterpart.
CREATE TRIGGER rollup_participant_changed AFTER UPDATE OF display_name, level ON participants
WHEN OLD.display_name IS NOT NEW.display_name OR OLD.level IS NOT NEW.level
BEGIN
  INSERT INTO rollup_refresh_engagement (engagement_id)
    SELECT engagement_id FROM engagement_members WHERE org_id = NEW.org_id AND participant_id = NEW.id;
  INSERT INTO rollup_refresh_members (engagement_id)
    SELECT engagement_id FROM engagement_members WHERE org_id = NEW.org_id AND participant_id = NEW.id;
END;

CREATE TRIGGER rollup_engagement_added AFTER INSERT ON engagements
BEGIN
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (NEW.id);
END;

CREATE TRIGGER rollup_engagement_changed AFTER UPDATE OF status, starts_on, ends_on ON engagements
WHEN OLD.status IS NOT NEW.status OR OLD.starts_on IS NOT NEW.starts_on OR OLD.ends_on IS NOT NEW.ends_on
BEGIN
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (NEW.id);
  INSERT INTO rollup_refresh_members (engagement_id) VALUES (NEW.id);
END;

CREATE TRIGGER rollup_engagement_moved AFTER UPDATE OF programme_id, org_id ON engagements
WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.org_id IS NOT NEW.org_id
BEGIN
  INSERT INTO rollup_rebuild (engagement_id) VALUES (NEW.id);
END;

CREATE TRIGGER rollup_engagement_removed AFTER DELETE ON engagements
BEGIN
  DELETE FROM rollup_engagement_months WHERE engagement_id = OLD.id;
  DELETE FROM rollup_engagement_years WHERE org_id = OLD.org_id AND engagement_id = OLD.id;
  DELETE FROM rollup_member_months WHERE engagement_id = OLD.id;
  DELETE FROM rollup_engagement_gaps WHERE engagement_id = OLD.id;
  DELETE FROM rollup_engagements WHERE engagement_id = OLD.id;
  DELETE FROM rollup_members WHERE engagement_id = OLD.id;
END;

-- Backfill what is already there.
INSERT INTO rollup_rebuild (engagement_id) SELECT id FROM engagements;
