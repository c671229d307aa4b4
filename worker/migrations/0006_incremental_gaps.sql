-- Gaps between consecutive held sessions, kept current month by month instead of engagement by
-- engagement. Until now every write to a session recomputed all of its engagement's gaps (a window
-- over every held session it ever had, and every gap row deleted and inserted again, each
-- updating rollup_programme_gaps): an engagement thousands of sessions deep paid that on each tag.
-- A held session appearing or leaving at instant t changes only the gaps that end in t's month and
-- the one that ends at the next held session after t: those months are recomputed, each from its
-- own sessions with one index lookup for the session before each. rollup_refresh_gaps (the whole
-- engagement) stays for rebuilds. test/worker/analytics-rollups.test.ts checks, after every kind of
-- write, that the rollups equal a rebuild from scratch.

-- Gaps of engagement E that end in month M: each held session of M with the held session just
-- before it (same instant and lower id first, as a total order), if any.
CREATE VIEW rollup_refresh_gaps_month AS SELECT NULL AS engagement_id, NULL AS month WHERE 0;
CREATE TRIGGER rollup_refresh_gaps_month_run INSTEAD OF INSERT ON rollup_refresh_gaps_month
BEGIN
  DELETE FROM rollup_engagement_gaps WHERE engagement_id = NEW.engagement_id AND month = NEW.month;
  INSERT INTO rollup_engagement_gaps (org_id, engagement_id, programme_id, month, prev_month, gap, n)
  SELECT e.org_id, e.id, e.programme_id, NEW.month, g.prev_month, g.gap, count(*)
  FROM engagements e JOIN (
    SELECT substr(p.prev, 1, 7) AS prev_month,
      CAST(julianday(substr(p.at, 1, 10)) AS INTEGER) - CAST(julianday(substr(p.prev, 1, 10)) AS INTEGER) AS gap
    FROM (
      SELECT s.starts_at AS at,
        CASE WHEN EXISTS (SELECT 1 FROM sessions x WHERE x.engagement_id = s.engagement_id AND x.status = 'held'
                            AND x.starts_at = s.starts_at AND x.id < s.id)
          THEN s.starts_at
          ELSE (SELECT max(x.starts_at) FROM sessions x WHERE x.engagement_id = s.engagement_id AND x.status = 'held'
                  AND x.starts_at < s.starts_at) END AS prev
      FROM sessions s
      WHERE s.engagement_id = NEW.engagement_id AND s.status = 'held'
        AND s.starts_at >= NEW.month || '-' AND s.starts_at < NEW.month || '-99'
    ) p WHERE p.prev IS NOT NULL
  ) g ON true
  WHERE e.id = NEW.engagement_id
  GROUP BY g.prev_month, g.gap;
END;

-- A held session of engagement E appeared or left at instant AT: the months whose gaps that changes.
CREATE VIEW rollup_gaps_touched AS SELECT NULL AS engagement_id, NULL AS at WHERE 0;
CREATE TRIGGER rollup_gaps_touched_run INSTEAD OF INSERT ON rollup_gaps_touched
BEGIN
  INSERT INTO rollup_refresh_gaps_month (engagement_id, month) VALUES (NEW.engagement_id, substr(NEW.at, 1, 7));
  INSERT INTO rollup_refresh_gaps_month (engagement_id, month)
    SELECT NEW.engagement_id, n.month FROM (
      SELECT substr(min(x.starts_at), 1, 7) AS month FROM sessions x
      WHERE x.engagement_id = NEW.engagement_id AND x.status = 'held' AND x.starts_at > NEW.at
    ) n WHERE n.month IS NOT NULL AND n.month <> substr(NEW.at, 1, 7);
END;

DROP TRIGGER rollup_session_added;
CREATE TRIGGER rollup_session_added AFTER INSERT ON sessions
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month) VALUES (NEW.engagement_id, substr(NEW.starts_at, 1, 7));
  INSERT INTO rollup_gaps_touched (engagement_id, at) SELECT NEW.engagement_id, NEW.starts_at WHERE NEW.status = 'held';
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (NEW.engagement_id);
END;

DROP TRIGGER rollup_session_changed;
CREATE TRIGGER rollup_session_changed AFTER UPDATE OF engagement_id, starts_at, ends_at, status ON sessions
WHEN OLD.engagement_id IS NOT NEW.engagement_id OR OLD.starts_at IS NOT NEW.starts_at
  OR OLD.ends_at IS NOT NEW.ends_at OR OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month) VALUES (OLD.engagement_id, substr(OLD.starts_at, 1, 7));
  INSERT INTO rollup_refresh_month (engagement_id, month) SELECT NEW.engagement_id, substr(NEW.starts_at, 1, 7)
    WHERE OLD.engagement_id IS NOT NEW.engagement_id OR substr(OLD.starts_at, 1, 7) IS NOT substr(NEW.starts_at, 1, 7);
  INSERT INTO rollup_gaps_touched (engagement_id, at) SELECT OLD.engagement_id, OLD.starts_at
    WHERE OLD.status = 'held' AND (OLD.engagement_id IS NOT NEW.engagement_id OR OLD.starts_at IS NOT NEW.starts_at OR NEW.status <> 'held');
  INSERT INTO rollup_gaps_touched (engagement_id, at) SELECT NEW.engagement_id, NEW.starts_at
    WHERE NEW.status = 'held' AND (OLD.engagement_id IS NOT NEW.engagement_id OR OLD.starts_at IS NOT NEW.starts_at OR OLD.status <> 'held');
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (OLD.engagement_id);
  INSERT INTO rollup_refresh_engagement (engagement_id) SELECT NEW.engagement_id WHERE OLD.engagement_id IS NOT NEW.engagement_id;
END;

DROP TRIGGER rollup_session_removed;
CREATE TRIGGER rollup_session_removed AFTER DELETE ON sessions
BEGIN
  INSERT INTO rollup_refresh_month (engagement_id, month) VALUES (OLD.engagement_id, substr(OLD.starts_at, 1, 7));
  INSERT INTO rollup_gaps_touched (engagement_id, at) SELECT OLD.engagement_id, OLD.starts_at WHERE OLD.status = 'held';
  INSERT INTO rollup_refresh_engagement (engagement_id) VALUES (OLD.engagement_id);
END;
