-- Hardening (issue: no request can take the Worker down, lock the admin out, or poison an export).
--
-- 1. An organisation always keeps an admin who can sign in: without one nobody can change its settings
-- or make anyone an admin again (only the operator creates organisations). worker/policy.ts states
-- the rule and the domain checks it first, for a clear 409; these triggers hold it atomically, so two
-- admins deactivating each other at the same instant cannot both succeed — the second write aborts
-- its whole transaction, whatever else the batch held. The domain maps the abort to the same 409.
--
-- A working admin: an active participant with an unrevoked admin token.

CREATE TRIGGER participants_keep_an_admin BEFORE UPDATE OF status ON participants
WHEN OLD.status = 'active' AND NEW.status <> 'active'
  AND EXISTS (SELECT 1 FROM tokens WHERE participant_id = OLD.id AND role = 'admin' AND revoked_at IS NULL)
  AND NOT EXISTS (
    SELECT 1 FROM tokens t JOIN participants p ON p.id = t.participant_id
    WHERE t.org_id = OLD.org_id AND t.role = 'admin' AND t.revoked_at IS NULL AND p.status = 'active' AND p.id <> OLD.id
  )
BEGIN
  SELECT RAISE(ABORT, 'dyad_last_active_admin');
END;

CREATE TRIGGER tokens_keep_an_admin BEFORE UPDATE OF revoked_at ON tokens
WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND OLD.role = 'admin'
  AND EXISTS (SELECT 1 FROM participants WHERE id = OLD.participant_id AND status = 'active')
  AND NOT EXISTS (
    SELECT 1 FROM tokens t JOIN participants p ON p.id = t.participant_id
    WHERE t.org_id = OLD.org_id AND t.role = 'admin' AND t.revoked_at IS NULL AND p.status = 'active' AND t.id <> OLD.id
  )
BEGIN
  SELECT RAISE(ABORT, 'dyad_last_active_admin');
END;

-- 2. The attribute dimensions an organisation collects (JSON array of keys, at most 20: shared/rules/limits.ts).
-- Attributes may name only these, so nobody can store thousands of keys on themselves. New
-- organisations collect none until an admin names them (some are special-category data).
ALTER TABLE orgs ADD COLUMN attribute_dimensions TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(attribute_dimensions) AND json_type(attribute_dimensions) = 'array');

-- An organisation that already holds attributes keeps collecting what it uses: the dimensions of its
-- population baselines first, then those held by the most people, up to 20. Stored attributes of any
-- other dimension stay (each person may still remove them); nobody can add to them.
UPDATE orgs SET attribute_dimensions = (
  SELECT json_group_array(dimension) FROM (
    SELECT dimension FROM (
      SELECT dimension, 1 AS baseline, 0 AS holders FROM population_baselines WHERE org_id = orgs.id
      UNION ALL
      SELECT dimension, 0, 1 FROM participant_attributes WHERE org_id = orgs.id
    )
    GROUP BY dimension
    ORDER BY max(baseline) DESC, sum(holders) DESC, dimension
    LIMIT 20
  )
);
