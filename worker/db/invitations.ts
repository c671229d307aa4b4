import type { Invitation, InvitationStatus, Role } from '../../shared';

interface InvitationRow {
  id: string;
  org_id: string;
  participant_id: string;
  created_by: string | null;
  creator_name: string | null;
  created_at: string;
  expires_at: string;
  redeemed_at: string | null;
  credential_id: string | null;
  revoked_at: string | null;
}

const statusOf = (r: InvitationRow, now: string): InvitationStatus =>
  r.redeemed_at ? 'redeemed' : r.revoked_at ? 'revoked' : r.expires_at <= now ? 'expired' : 'pending';

const toInvitation = (r: InvitationRow, now: string): Invitation => ({
  id: r.id,
  participantId: r.participant_id,
  createdAt: r.created_at,
  // The operator's invitation of an organisation's first admin has no creator among its people.
  createdBy: { id: r.created_by ?? r.participant_id, displayName: r.creator_name ?? 'The operator' },
  expiresAt: r.expires_at,
  status: statusOf(r, now),
  redeemedAt: r.redeemed_at,
  revokedAt: r.revoked_at,
});

const selectSql = `SELECT i.*, c.display_name AS creator_name FROM invitations i LEFT JOIN participants c ON c.id = i.created_by`;

export function insertInvitationStatement(
  db: D1Database,
  i: { id: string; orgId: string; participantId: string; createdBy: string | null; codeHash: string; now: string; expiresAt: string },
) {
  return db
    .prepare(
      `INSERT INTO invitations (id, org_id, participant_id, created_by, code_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(i.id, i.orgId, i.participantId, i.createdBy, i.codeHash, i.now, i.expiresAt);
}

export async function getInvitation(db: D1Database, orgId: string, id: string, now: string): Promise<Invitation | null> {
  const row = await db.prepare(`${selectSql} WHERE i.org_id = ?1 AND i.id = ?2`).bind(orgId, id).first<InvitationRow>();
  return row && toInvitation(row, now);
}

export async function listInvitations(db: D1Database, orgId: string, participantId: string, now: string): Promise<Invitation[]> {
  const { results } = await db
    .prepare(`${selectSql} WHERE i.org_id = ?1 AND i.participant_id = ?2 ORDER BY i.created_at DESC, i.id`)
    .bind(orgId, participantId)
    .all<InvitationRow>();
  return results.map((r) => toInvitation(r, now));
}

/** An invitation found by its code, with what redeeming it needs to know of its invitee and organisation. */
export interface Redeemable {
  invitation: Invitation;
  orgId: string;
  orgSlug: string;
  invitee: { id: string; role: Role; active: boolean };
}

export async function findByCodeHash(db: D1Database, codeHash: string, now: string): Promise<Redeemable | null> {
  const row = await db
    .prepare(
      `${selectSql.replace('SELECT i.*,', 'SELECT i.*, o.slug AS org_slug, p.role AS invitee_role, p.status AS invitee_status,')}
       JOIN participants p ON p.id = i.participant_id JOIN orgs o ON o.id = i.org_id WHERE i.code_hash = ?1`,
    )
    .bind(codeHash)
    .first<InvitationRow & { org_slug: string; invitee_role: Role; invitee_status: string }>();
  return (
    row && {
      invitation: toInvitation(row, now),
      orgId: row.org_id,
      orgSlug: row.org_slug,
      invitee: { id: row.participant_id, role: row.invitee_role, active: row.invitee_status === 'active' },
    }
  );
}

/**
 * Marks the invitation redeemed by `credentialId` — only if nobody redeemed or revoked it and it has
 * not lapsed. The credential's own inserts are guarded on this having happened (`redeemedBy`).
 */
export function redeemStatement(db: D1Database, id: string, credentialId: string, now: string) {
  return db
    .prepare(
      `UPDATE invitations SET redeemed_at = ?3, credential_id = ?2
       WHERE id = ?1 AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > ?3`,
    )
    .bind(id, credentialId, now);
}

/** The guard of the inserts that follow `redeemStatement`: this credential redeemed this invitation. */
export const redeemedBy = (invitationId: string, credentialId: string) => (first: number) => ({
  sql: `EXISTS (SELECT 1 FROM invitations WHERE id = ?${first} AND credential_id = ?${first + 1})`,
  params: [invitationId, credentialId],
});

export function revokeInvitationStatement(db: D1Database, orgId: string, id: string, by: string, now: string) {
  return db
    .prepare(
      `UPDATE invitations SET revoked_at = ?3, revoked_by = ?4 WHERE org_id = ?1 AND id = ?2 AND redeemed_at IS NULL AND revoked_at IS NULL`,
    )
    .bind(orgId, id, now, by);
}
