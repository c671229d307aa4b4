/**
 * Credentials written straight into D1, for setting up a known state in tests and benchmarks
 * (the dashboard tests' demo organisation, the benchmark's large one) — never for people, who
 * sign in or redeem an invitation. The rows are what the Worker writes when it issues a credential
 * (migration 0008): a `tokens` row whose `hash` is the refresh token's SHA-256, and an
 * `access_tokens` row for one access token. The access token lives as long as the caller says,
 * so a long test run or benchmark never needs to refresh it.
 *
 * @example
 * const c = await seededCredential({ orgId, participantId, role: 'coordinator', label: 'e2e', now: new Date() });
 * for (const { table, key, rows } of c.tables) for (const row of rows) sql.push(upsert(table, key, row));
 * fetch(url, { headers: { authorization: `Bearer ${c.accessToken}` } });
 */
import { hashToken, newTokenSecret } from '../domain/token-secrets';
import type { TableRows } from './demo-data';

export interface SeededCredential {
  credentialId: string;
  accessToken: string;
  refreshToken: string;
  /** Parents first: the credential, then its access token. */
  tables: TableRows[];
}

const DAY = 86_400_000;

export async function seededCredential({
  orgId,
  participantId,
  role,
  label,
  now,
  days = 2,
}: {
  orgId: string;
  participantId: string;
  /** The participant's role (participants.role); kept on the row too, which still has the column. */
  role: 'participant' | 'coordinator' | 'admin';
  label: string;
  now: Date;
  /** How long the access token (and the refresh token) stays valid. */
  days?: number;
}): Promise<SeededCredential> {
  const credentialId = crypto.randomUUID();
  const accessToken = newTokenSecret('at');
  const refreshToken = newTokenSecret('rt');
  const at = now.toISOString();
  const until = new Date(now.getTime() + days * DAY).toISOString();
  return {
    credentialId,
    accessToken,
    refreshToken,
    tables: [
      {
        table: 'tokens',
        key: ['id'],
        rows: [
          {
            id: credentialId,
            org_id: orgId,
            participant_id: participantId,
            role,
            hash: await hashToken(refreshToken),
            label,
            created_at: at,
            revoked_at: null,
            kind: 'invitation',
            client: 'api',
            refresh_expires_at: until,
            last_used_at: at,
          },
        ],
      },
      {
        table: 'access_tokens',
        key: ['hash'],
        rows: [{ hash: await hashToken(accessToken), credential_id: credentialId, expires_at: until }],
      },
    ],
  };
}
