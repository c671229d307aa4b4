import type { Credential, CredentialClient, CredentialKind, Org, Role } from '../../shared';
import type { Auth } from '../env';
import { toOrg, type OrgRow } from './orgs';

/**
 * Credentials: one row of `tokens` per sign-in on one device (migration 0008). `hash` is the
 * refresh token's SHA-256, replaced at each refresh; the access tokens are rows of
 * `access_tokens`, each living minutes. Only hashes are stored.
 */
interface CredentialRow {
  id: string;
  org_id: string;
  participant_id: string;
  kind: CredentialKind;
  client: CredentialClient;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  invitation_id: string | null;
  provider_label: string | null;
}

const toCredential = (r: CredentialRow, currentId: string | null): Credential => ({
  id: r.id,
  kind: r.kind,
  client: r.client,
  label: r.label,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by === 'self' || r.revoked_by === 'migration' ? r.revoked_by : null,
  invitationId: r.invitation_id,
  providerLabel: r.provider_label,
  current: r.id === currentId,
});

/**
 * The caller behind an access-token hash, with their organisation (one query: every route that
 * needs the organisation's settings would otherwise spend a round trip on them). Revoked
 * credentials and inactive people resolve to nothing; an expired access token resolves with
 * `expired`, so the client is told to refresh rather than to sign in again.
 */
export async function findAuthByAccessHash(db: D1Database, hash: string): Promise<{ auth: Auth; org: Org; expiresAt: string } | null> {
  const row = await db
    .prepare(`${callerSql} SELECT c.*, o.* FROM caller c JOIN orgs o ON o.id = c.org_id`)
    .bind(hash)
    .first<OrgRow & CallerRow>();
  return row && { auth: toAuth(row), org: toOrg(row), expiresAt: row.access_expires_at };
}

/**
 * The caller behind access-token hash `?1`, as a CTE other statements can read (the write path
 * resolves the caller inside each of its statements, so the lookup costs no round trip).
 */
export const callerSql = `WITH caller AS (
  SELECT t.id AS token_id, t.org_id, t.participant_id, p.role, a.expires_at AS access_expires_at
  FROM access_tokens a JOIN tokens t ON t.id = a.credential_id JOIN participants p ON p.id = t.participant_id
  WHERE a.hash = ?1 AND t.revoked_at IS NULL AND p.status = 'active')`;

export interface CallerRow {
  token_id: string;
  org_id: string;
  participant_id: string;
  role: Role;
  access_expires_at: string;
}

export const toAuth = (r: CallerRow): Auth => ({ tokenId: r.token_id, orgId: r.org_id, participantId: r.participant_id, role: r.role });

/** A condition a conditional insert holds to: its SQL numbers its parameters from `first`. */
export type Guard = (first: number) => { sql: string; params: unknown[] };

/** What a new credential records: who, how, on which app. */
export interface NewCredential {
  id: string;
  orgId: string;
  participantId: string;
  role: Role;
  kind: CredentialKind;
  client: CredentialClient;
  label: string | null;
  invitationId: string | null;
  providerId: string | null;
  subject: string | null;
  refreshHash: string;
  refreshExpiresAt: string;
  accessHash: string;
  accessExpiresAt: string;
  now: string;
}

/**
 * The statements that store a new credential and its first access token. With `guard`, both insert
 * only when the guard's SQL holds (e.g. the invitation was redeemed by this very credential), so two
 * redemptions racing in parallel cannot both get a credential.
 */
export function insertCredentialStatements(db: D1Database, c: NewCredential, guard?: Guard) {
  const where = (first: number) => (guard ? `WHERE ${guard(first).sql}` : '');
  const params = guard?.(1).params ?? [];
  return [
    db
      .prepare(
        `INSERT INTO tokens (id, org_id, participant_id, role, hash, label, created_at, kind, client, invitation_id, provider_id, subject,
           refresh_expires_at, last_used_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?7 ${where(14)}`,
      )
      .bind(
        c.id,
        c.orgId,
        c.participantId,
        c.role,
        c.refreshHash,
        c.label,
        c.now,
        c.kind,
        c.client,
        c.invitationId,
        c.providerId,
        c.subject,
        c.refreshExpiresAt,
        ...params,
      ),
    db
      .prepare(`INSERT INTO access_tokens (hash, credential_id, expires_at) SELECT ?1, ?2, ?3 ${where(4)}`)
      .bind(c.accessHash, c.id, c.accessExpiresAt, ...params),
  ];
}

/** A credential a refresh token (current, or the one before it within the grace) belongs to, if it still works. */
export interface RefreshFacts {
  credentialId: string;
  orgId: string;
  participantId: string;
  role: Role;
  client: CredentialClient;
}

export async function findByRefreshHash(db: D1Database, hash: string, now: string, graceSince: string): Promise<RefreshFacts | null> {
  const row = await db
    .prepare(
      `SELECT t.id, t.org_id, t.participant_id, t.client, p.role FROM tokens t JOIN participants p ON p.id = t.participant_id
       WHERE (t.hash = ?1 OR (t.previous_hash = ?1 AND t.rotated_at > ?3))
         AND t.revoked_at IS NULL AND p.status = 'active' AND t.refresh_expires_at > ?2
       ORDER BY t.hash = ?1 DESC LIMIT 1`,
    )
    .bind(hash, now, graceSince)
    .first<{ id: string; org_id: string; participant_id: string; client: CredentialClient; role: Role }>();
  return row && { credentialId: row.id, orgId: row.org_id, participantId: row.participant_id, role: row.role, client: row.client };
}

/**
 * Rotates a credential's refresh token and adds an access token, in one batch. The update holds only
 * while the presented token is still the current (or just-previous) one, and the access token is
 * added only if it did: of two refreshes racing with the same token past the grace, one loses.
 */
export function rotateStatements(
  db: D1Database,
  r: {
    credentialId: string;
    presentedHash: string;
    newRefreshHash: string;
    refreshExpiresAt: string;
    accessHash: string;
    accessExpiresAt: string;
    now: string;
  },
) {
  return [
    db
      .prepare(
        `UPDATE tokens SET previous_hash = hash, hash = ?3, rotated_at = ?5, last_used_at = ?5, refresh_expires_at = ?4
         WHERE id = ?1 AND revoked_at IS NULL AND (hash = ?2 OR previous_hash = ?2)`,
      )
      .bind(r.credentialId, r.presentedHash, r.newRefreshHash, r.refreshExpiresAt, r.now),
    db
      .prepare(
        `INSERT INTO access_tokens (hash, credential_id, expires_at) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM tokens WHERE id = ?2 AND hash = ?4)`,
      )
      .bind(r.accessHash, r.credentialId, r.accessExpiresAt, r.newRefreshHash),
    // The credential's lapsed access tokens are of no use to anyone.
    db.prepare(`DELETE FROM access_tokens WHERE credential_id = ?1 AND expires_at < ?2`).bind(r.credentialId, r.now),
  ];
}

/** The caller's own credentials, newest first, marking the one in use. */
export async function listOwnCredentials(db: D1Database, auth: Auth): Promise<Credential[]> {
  const { results } = await db
    .prepare(
      `SELECT t.*, ip.label AS provider_label FROM tokens t LEFT JOIN identity_providers ip ON ip.id = t.provider_id
       WHERE t.org_id = ?1 AND t.participant_id = ?2 ORDER BY t.created_at DESC, t.id`,
    )
    .bind(auth.orgId, auth.participantId)
    .all<CredentialRow>();
  return results.map((r) => toCredential(r, auth.tokenId));
}

export async function getOwnCredential(db: D1Database, auth: Auth, id: string): Promise<Credential | null> {
  const row = await db
    .prepare(
      `SELECT t.*, ip.label AS provider_label FROM tokens t LEFT JOIN identity_providers ip ON ip.id = t.provider_id
       WHERE t.org_id = ?1 AND t.participant_id = ?2 AND t.id = ?3`,
    )
    .bind(auth.orgId, auth.participantId, id)
    .first<CredentialRow>();
  return row && toCredential(row, auth.tokenId);
}

/** Revokes a credential (its access tokens stop with it: the lookup joins on it). Revoking twice keeps the first time. */
export function revokeStatement(db: D1Database, orgId: string, id: string, by: 'self', now: string) {
  return db
    .prepare(`UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?3), revoked_by = COALESCE(revoked_by, ?4) WHERE org_id = ?1 AND id = ?2`)
    .bind(orgId, id, now, by);
}

/** The abort of migration 0008's trigger: the write would have left the organisation without an active admin. */
export const isLastAdminAbort = (err: unknown) => err instanceof Error && err.message.includes('dyad_last_active_admin');
