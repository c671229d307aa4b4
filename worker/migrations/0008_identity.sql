-- Identity (the identity issue): nobody is handed a secret by someone else.
--
-- Until now a coordinator minted a participant's bearer token and read it in the response — and so
-- could sign in as them, read their notes, answers and attributes, then revoke the token and leave
-- no trace. From here on a person signs in through the organisation's OpenID Connect provider or
-- redeems a single-use invitation, and the Worker issues a credential only the signer sees.

-- 1. A role belongs to the person, not to a token: whoever signs in as them, however, acts with it.
-- Until now it was the highest role among their unrevoked tokens.
ALTER TABLE participants ADD COLUMN role TEXT NOT NULL DEFAULT 'participant'
  CHECK (role IN ('participant', 'coordinator', 'admin'));
UPDATE participants SET role = COALESCE((
  SELECT CASE max(CASE t.role WHEN 'admin' THEN 3 WHEN 'coordinator' THEN 2 ELSE 1 END)
    WHEN 3 THEN 'admin' WHEN 2 THEN 'coordinator' ELSE 'participant' END
  FROM tokens t WHERE t.participant_id = participants.id AND t.revoked_at IS NULL
), 'participant');
CREATE INDEX participants_role ON participants (org_id, role) WHERE role <> 'participant';

-- The organisation keeps an active admin (0005's rule, now about people): neither deactivating nor
-- demoting the last one may succeed, whichever two admins try it at once.
DROP TRIGGER participants_keep_an_admin;
DROP TRIGGER tokens_keep_an_admin;
CREATE TRIGGER participants_keep_an_admin BEFORE UPDATE OF status, role ON participants
WHEN OLD.status = 'active' AND OLD.role = 'admin' AND (NEW.status <> 'active' OR NEW.role <> 'admin')
  AND NOT EXISTS (
    SELECT 1 FROM participants q WHERE q.org_id = OLD.org_id AND q.role = 'admin' AND q.status = 'active' AND q.id <> OLD.id
  )
BEGIN
  SELECT RAISE(ABORT, 'dyad_last_active_admin');
END;

-- 2. How people name their organisation when they sign in.
ALTER TABLE orgs ADD COLUMN slug TEXT;
UPDATE orgs SET slug = 'org-' || substr(id, 1, 8);
CREATE UNIQUE INDEX orgs_slug ON orgs (slug);

-- 3. Credentials. A `tokens` row is now one credential (one sign-in on one device): `hash` is its
-- refresh token's SHA-256, rotated at every refresh (`previous_hash` is accepted for a minute after,
-- so two tabs refreshing at once do not sign each other out). Access tokens are short-lived rows of
-- their own, so a revoked credential stops every one of them at once.
ALTER TABLE tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'legacy' CHECK (kind IN ('sso', 'invitation', 'legacy'));
ALTER TABLE tokens ADD COLUMN client TEXT NOT NULL DEFAULT 'api' CHECK (client IN ('extension', 'console', 'api'));
ALTER TABLE tokens ADD COLUMN invitation_id TEXT;
ALTER TABLE tokens ADD COLUMN provider_id TEXT;
ALTER TABLE tokens ADD COLUMN subject TEXT;
ALTER TABLE tokens ADD COLUMN refresh_expires_at TEXT;
ALTER TABLE tokens ADD COLUMN previous_hash TEXT;
ALTER TABLE tokens ADD COLUMN rotated_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE tokens ADD COLUMN revoked_by TEXT;
CREATE INDEX tokens_previous_hash ON tokens (previous_hash) WHERE previous_hash IS NOT NULL;

-- Every token minted before this migration was read, at its creation, by whoever minted it: none
-- of them may go on signing anyone in. People sign in again (an operator's admin invitation lets
-- an organisation's admin back in: POST /v1/orgs/{id}/admin-invitations).
UPDATE tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), revoked_by = 'migration' WHERE revoked_at IS NULL;

CREATE TABLE access_tokens (
  hash TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL REFERENCES tokens(id),
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX access_tokens_credential ON access_tokens (credential_id);

-- A credential is revoked, never deleted: its holder keeps seeing it (and who revoked it).
CREATE TRIGGER tokens_never_deleted BEFORE DELETE ON tokens
BEGIN
  SELECT RAISE(ABORT, 'dyad_credentials_are_revoked_not_deleted');
END;

-- 4. Invitations: single-use, expiring; only the code's hash is kept.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  participant_id TEXT NOT NULL REFERENCES participants(id),
  created_by TEXT REFERENCES participants(id),
  code_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  redeemed_at TEXT,
  credential_id TEXT,
  revoked_at TEXT,
  revoked_by TEXT
);
CREATE INDEX invitations_participant ON invitations (org_id, participant_id, created_at);
CREATE TRIGGER invitations_never_deleted BEFORE DELETE ON invitations
BEGIN
  SELECT RAISE(ABORT, 'dyad_invitations_are_revoked_not_deleted');
END;

-- 5. The organisation's OpenID Connect providers.
CREATE TABLE identity_providers (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  label TEXT NOT NULL,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  email_claim TEXT NOT NULL DEFAULT 'email',
  email_domains TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(email_domains) AND json_type(email_domains) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, issuer, client_id)
);

-- One sign-in in progress: the state and nonce the Worker made, used once, within ten minutes.
CREATE TABLE sign_in_attempts (
  state_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  client TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) WITHOUT ROWID;
CREATE INDEX sign_in_attempts_expiry ON sign_in_attempts (expires_at);

-- 6. Rate limits: fixed windows counted in D1, which every Worker instance shares.
CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;

-- 7. The audit log: append-only. Nothing in the API can change or remove an entry, and neither can
-- a later bug: the database refuses both.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  actor_id TEXT,
  actor_role TEXT,
  subject_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX audit_log_org ON audit_log (org_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'dyad_audit_log_is_append_only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'dyad_audit_log_is_append_only');
END;
