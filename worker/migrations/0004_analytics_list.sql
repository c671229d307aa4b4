-- The engagement list is ranked and paged by SQLite (worker/db/analytics-engagement-list.ts), so the
-- Worker no longer receives every engagement: what only that transfer needed goes, and with it the
-- work every write did to keep it.
--
--   rollup_engagement_years   per-engagement session counts by year, read only to send every
--                             engagement's counts: the list counts a page's sessions from the
--                             sessions themselves. Three triggers per monthly change go with it.
--   rollup_engagements.row_json
--                             a ready-made JSON row per engagement, rebuilt on every write and read
--                             by nothing since the list is ranked in SQL.
--
-- A covering index lets the list rank every engagement from narrow index pages instead of the
-- table's rows (each carries its members' JSON); two on rollup_members let the distinct people of
-- active engagements be counted in order — in all and per programme — instead of sorted.

DROP TRIGGER rollup_engagement_months_to_years_added;
DROP TRIGGER rollup_engagement_months_to_years_removed;
DROP TRIGGER rollup_engagement_months_to_years_changed;
DROP TABLE rollup_engagement_years;

DROP TRIGGER rollup_engagement_removed;
CREATE TRIGGER rollup_engagement_removed AFTER DELETE ON engagements
BEGIN
  DELETE FROM rollup_engagement_months WHERE engagement_id = OLD.id;
  DELETE FROM rollup_member_months WHERE engagement_id = OLD.id;
  DELETE FROM rollup_engagement_gaps WHERE engagement_id = OLD.id;
  DELETE FROM rollup_engagements WHERE engagement_id = OLD.id;
  DELETE FROM rollup_members WHERE engagement_id = OLD.id;
END;

DROP TRIGGER rollup_refresh_engagement_run;
ALTER TABLE rollup_engagements DROP COLUMN row_json;
CREATE TRIGGER rollup_refresh_engagement_run INSTEAD OF INSERT ON rollup_refresh_engagement
BEGIN
  DELETE FROM rollup_engagements WHERE engagement_id = NEW.engagement_id;
  INSERT INTO rollup_engagements (org_id, engagement_id, programme_id, status, starts_on, ends_on, members,
    last_held_at, prev_held_at, s1_at, s1_status, s2_at, s2_status, s3_status)
  SELECT e.org_id, e.id, e.programme_id, e.status, e.starts_on, e.ends_on,
    (SELECT json_group_array(json_array(m.participant_id, pa.display_name, m.role))
      FROM engagement_members m JOIN participants pa ON pa.id = m.participant_id WHERE m.engagement_id = e.id),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' ORDER BY x.starts_at DESC LIMIT 1),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id AND x.status = 'held' ORDER BY x.starts_at DESC LIMIT 1 OFFSET 1),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1),
    (SELECT status FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1),
    (SELECT starts_at FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1 OFFSET 1),
    (SELECT status FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1 OFFSET 1),
    (SELECT status FROM sessions x WHERE x.engagement_id = e.id ORDER BY x.starts_at DESC LIMIT 1 OFFSET 2)
  FROM engagements e WHERE e.id = NEW.engagement_id;
END;

CREATE INDEX rollup_engagements_list ON rollup_engagements (org_id, programme_id, status, starts_on, ends_on, last_held_at, prev_held_at, s1_at);
CREATE INDEX rollup_members_active_people ON rollup_members (org_id, status, participant_id, programme_id, starts_on, ends_on);
CREATE INDEX rollup_members_active_programmes ON rollup_members (org_id, status, programme_id, participant_id, starts_on, ends_on);
-- Held sessions of an engagement over a quarter's months, for the commitment of each engagement-quarter,
-- without a lookup of the row for each month.
CREATE INDEX rollup_engagement_months_held ON rollup_engagement_months (engagement_id, month, held);
