import type { Org } from '../../shared';
import type { Auth } from '../env';
import { toAuth, type CallerRow } from './credentials';
import { toOrg, type OrgRow } from './orgs';

/**
 * What every analytics request does before it computes anything, in one round trip: count it
 * against the coordinator's rate limit, append it to the audit log (who, which endpoint and
 * filters, when), and resolve the caller with their organisation. The count and the entry are made
 * only for a working staff credential — a participant's or a lapsed token is refused without either.
 */
const staffCaller = `FROM access_tokens a JOIN tokens t ON t.id = a.credential_id JOIN participants p ON p.id = t.participant_id
  WHERE a.hash = ?1 AND a.expires_at > ?2 AND t.revoked_at IS NULL AND p.status = 'active' AND p.role IN ('coordinator', 'admin')`;

export async function recordAnalyticsRequest(
  db: D1Database,
  r: { accessHash: string; now: string; windowStart: number; endpoint: string; filters: Record<string, string> },
): Promise<{ count: number; caller: { auth: Auth; org: Org; expiresAt: string } | null }> {
  const [counted, , caller] = await db.batch<{ count: number } & OrgRow & CallerRow>([
    db
      .prepare(
        `INSERT INTO rate_limits (key, window_start, count) SELECT 'analytics:' || t.participant_id, ?3, 1 ${staffCaller}
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .bind(r.accessHash, r.now, r.windowStart),
    db
      .prepare(
        `INSERT INTO audit_log (org_id, at, action, actor_id, actor_role, detail)
         SELECT t.org_id, ?2, 'analytics_request', t.participant_id, p.role, ?3 ${staffCaller}`,
      )
      .bind(r.accessHash, r.now, JSON.stringify({ endpoint: r.endpoint, filters: r.filters })),
    db
      .prepare(
        `SELECT t.id AS token_id, t.org_id, t.participant_id, p.role, a.expires_at AS access_expires_at, o.*
         FROM access_tokens a JOIN tokens t ON t.id = a.credential_id JOIN participants p ON p.id = t.participant_id JOIN orgs o ON o.id = t.org_id
         WHERE a.hash = ?1 AND t.revoked_at IS NULL AND p.status = 'active'`,
      )
      .bind(r.accessHash),
  ]);
  const row = caller?.results[0];
  return {
    count: counted?.results[0]?.count ?? 0,
    caller: row ? { auth: toAuth(row), org: toOrg(row), expiresAt: row.access_expires_at } : null,
  };
}
