import type { Org, Role, Token } from '../../shared';
import type { Auth } from '../env';
import { standingSql } from './participants';
import { toOrg, type OrgRow } from './orgs';

interface TokenRow {
  id: string;
  org_id: string;
  participant_id: string;
  role: Role;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export const toToken = (r: TokenRow): Token => ({
  id: r.id,
  participantId: r.participant_id,
  role: r.role,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/**
 * The caller behind a token hash, with their organisation (read in the same query: every route
 * that needs the organisation's settings would otherwise spend a round trip on them); revoked
 * tokens and inactive participants resolve to nothing.
 */
export async function findAuthByHash(db: D1Database, hash: string): Promise<{ auth: Auth; org: Org } | null> {
  const row = await db
    .prepare(
      `SELECT t.id AS token_id, t.participant_id AS token_participant_id, t.role AS token_role, o.* FROM tokens t
       JOIN participants p ON p.id = t.participant_id JOIN orgs o ON o.id = t.org_id
       WHERE t.hash = ?1 AND t.revoked_at IS NULL AND p.status = 'active'`,
    )
    .bind(hash)
    .first<OrgRow & { token_id: string; token_participant_id: string; token_role: Role }>();
  return (
    row && {
      auth: { tokenId: row.token_id, orgId: row.id, participantId: row.token_participant_id, role: row.token_role },
      org: toOrg(row),
    }
  );
}

export function insertTokenStatement(
  db: D1Database,
  t: { id: string; orgId: string; participantId: string; role: Role; hash: string; label: string | null; now: string },
) {
  return db
    .prepare(`INSERT INTO tokens (id, org_id, participant_id, role, hash, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`)
    .bind(t.id, t.orgId, t.participantId, t.role, t.hash, t.label, t.now);
}

export async function getToken(db: D1Database, orgId: string, id: string): Promise<Token | null> {
  const row = await db.prepare(`SELECT * FROM tokens WHERE org_id = ?1 AND id = ?2`).bind(orgId, id).first<TokenRow>();
  return row && toToken(row);
}

/** A token with the facts the revocation rules read (worker/policy.ts): its holder's standing, and the admin tokens that would remain. */
export interface TokenAccess {
  token: Token;
  holderStanding: Role;
  /** Working admin tokens of the organisation besides this one: unrevoked, held by an active person. */
  otherWorkingAdminTokens: number;
  holderActive: boolean;
}

export async function getTokenAccess(db: D1Database, orgId: string, id: string): Promise<TokenAccess | null> {
  const row = await db
    .prepare(
      `SELECT k.*, ${standingSql('p')} AS holder_standing, p.status = 'active' AS holder_active,
         (SELECT count(*) FROM tokens t JOIN participants q ON q.id = t.participant_id
          WHERE t.org_id = ?1 AND t.role = 'admin' AND t.revoked_at IS NULL AND q.status = 'active' AND t.id <> ?2) AS other_working_admin_tokens
       FROM tokens k JOIN participants p ON p.id = k.participant_id WHERE k.org_id = ?1 AND k.id = ?2`,
    )
    .bind(orgId, id)
    .first<TokenRow & { holder_standing: Role; holder_active: number; other_working_admin_tokens: number }>();
  return (
    row && {
      token: toToken(row),
      holderStanding: row.holder_standing,
      holderActive: row.holder_active === 1,
      otherWorkingAdminTokens: row.other_working_admin_tokens,
    }
  );
}

/** The abort of migration 0005's triggers: the write would have left the organisation without a working admin. */
export const isLastAdminAbort = (err: unknown) => err instanceof Error && err.message.includes('dyad_last_active_admin');

export async function listTokens(db: D1Database, orgId: string, participantId: string): Promise<Token[]> {
  const { results } = await db
    .prepare(`SELECT * FROM tokens WHERE org_id = ?1 AND participant_id = ?2 ORDER BY created_at`)
    .bind(orgId, participantId)
    .all<TokenRow>();
  return results.map(toToken);
}

export async function revokeToken(db: D1Database, orgId: string, id: string, now: string): Promise<void> {
  await db.prepare(`UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?3) WHERE org_id = ?1 AND id = ?2`).bind(orgId, id, now).run();
}
