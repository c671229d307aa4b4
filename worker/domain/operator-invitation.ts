import { credentialLifetimes, dayMs, type IssuedInvitation } from '../../shared';
import { auditStatement } from '../db/audit';
import { getInvitation, insertInvitationStatement } from '../db/invitations';
import { getParticipant } from '../db/participants';
import { notFound } from './errors';
import { invitationLink } from './invitations';
import { hashToken, newTokenSecret } from './token-secrets';

/**
 * The operator's way back in for an organisation none of whose admins can sign in (their provider
 * is gone, their devices lost): an invitation for one of its admins. The operator runs the Worker
 * and its database, so this gives them nothing they did not have — and it shows in the
 * organisation's audit log, where its admins see it.
 */
export async function inviteAdminAsOperator(
  db: D1Database,
  orgId: string,
  adminId: string,
  origin: string,
  now: string,
): Promise<IssuedInvitation> {
  const admin = await getParticipant(db, orgId, adminId);
  if (admin?.role !== 'admin' || admin.status !== 'active') throw notFound('admin', { path: 'adminId' });
  const code = newTokenSecret('inv');
  const id = crypto.randomUUID();
  await db.batch([
    insertInvitationStatement(db, {
      id,
      orgId,
      participantId: adminId,
      createdBy: null,
      codeHash: await hashToken(code),
      now,
      expiresAt: new Date(Date.parse(now) + credentialLifetimes.invitationDefaultDays * dayMs).toISOString(),
    }),
    auditStatement(db, {
      orgId,
      at: now,
      action: 'invitation_created',
      actorId: null,
      actorRole: null,
      subjectId: adminId,
      detail: { invitationId: id, by: 'operator' },
    }),
  ]);
  return { invitation: (await getInvitation(db, orgId, id, now))!, code, link: invitationLink(origin, code) };
}
