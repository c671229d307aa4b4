/**
 * Invitations, for people outside the organisation's identity provider: single-use, expiring, and
 * redeemed into a credential that only the redeemer sees. The code is shown once, to its creator,
 * to send on; the invitee sees each invitation made for them and whether it was used — so a code
 * redeemed by anyone else shows, to them, as used by a sign-in they did not make.
 */
import { dayMs, type CredentialClient, type Invitation, type InvitationCreate, type IssuedInvitation, type SignedIn } from '../../shared';
import type { Auth } from '../env';
import { auditStatement } from '../db/audit';
import { listProviders } from '../db/identity-providers';
import {
  findByCodeHash,
  getInvitation,
  insertInvitationStatement,
  listInvitations,
  redeemedBy,
  redeemStatement,
  revokeInvitationStatement,
} from '../db/invitations';
import { getParticipantAccess } from '../db/participants';
import { mayInvite, signsInThroughProvider, staffName } from '../policy';
import { credentialStatements, signedIn } from './credentials';
import { conflict, forbidden, notFound, unauthenticated } from './errors';
import { hashToken, newTokenSecret } from './token-secrets';

/** The console address that redeems a code: the fragment never reaches a server log. */
export const invitationLink = (origin: string, code: string) => `${origin}/console/#invite=${encodeURIComponent(code)}`;

export async function createInvitation(
  db: D1Database,
  auth: Auth,
  participantId: string,
  input: InvitationCreate,
  origin: string,
  now: string,
): Promise<IssuedInvitation> {
  const [found, providers] = await Promise.all([getParticipantAccess(db, auth.orgId, participantId), listProviders(db, auth.orgId)]);
  if (!found) throw notFound('participant');
  const { participant, standing } = found;
  if (!mayInvite(auth, standing)) throw forbidden(`Only an admin may invite ${staffName[standing]}`);
  if (participant.status !== 'active') throw conflict(`${participant.displayName} is inactive: reactivate them first`, { path: 'status' });
  if (signsInThroughProvider(participant.email, providers)) {
    throw conflict(`${participant.email} signs in through the organisation's identity provider: no invitation is needed`, {
      path: 'email',
    });
  }
  const code = newTokenSecret('inv');
  const id = crypto.randomUUID();
  await db.batch([
    insertInvitationStatement(db, {
      id,
      orgId: auth.orgId,
      participantId,
      createdBy: auth.participantId,
      codeHash: await hashToken(code),
      now,
      expiresAt: new Date(Date.parse(now) + input.expiresInDays * dayMs).toISOString(),
    }),
    auditStatement(db, {
      orgId: auth.orgId,
      at: now,
      action: 'invitation_created',
      actorId: auth.participantId,
      actorRole: auth.role,
      subjectId: participantId,
      detail: { invitationId: id, expiresInDays: input.expiresInDays },
    }),
  ]);
  return { invitation: (await getInvitation(db, auth.orgId, id, now))!, code, link: invitationLink(origin, code) };
}

/** A person's invitations, for the staff who may invite them: statuses, never codes or credentials. */
export async function invitationsOf(db: D1Database, auth: Auth, participantId: string, now: string): Promise<Invitation[]> {
  const found = await getParticipantAccess(db, auth.orgId, participantId);
  if (!found) throw notFound('participant');
  if (!mayInvite(auth, found.standing)) throw forbidden(`Only an admin may see the invitations of ${staffName[found.standing]}`);
  return listInvitations(db, auth.orgId, participantId, now);
}

/** Revokes a pending invitation (one already used is not: its credential is its redeemer's to revoke). */
export async function revokeInvitation(db: D1Database, auth: Auth, id: string, now: string): Promise<Invitation> {
  const invitation = await getInvitation(db, auth.orgId, id, now);
  if (!invitation) throw notFound('invitation');
  const found = await getParticipantAccess(db, auth.orgId, invitation.participantId);
  if (!found || !mayInvite(auth, found.standing))
    throw forbidden(`Only an admin may revoke the invitations of ${staffName[found?.standing ?? 'admin']}`);
  if (invitation.status === 'redeemed')
    throw conflict('This invitation was used: only the person who redeemed it can revoke the sign-in it became');
  if (invitation.status === 'pending') {
    await db.batch([
      revokeInvitationStatement(db, auth.orgId, id, auth.participantId, now),
      auditStatement(db, {
        orgId: auth.orgId,
        at: now,
        action: 'invitation_revoked',
        actorId: auth.participantId,
        actorRole: auth.role,
        subjectId: invitation.participantId,
        detail: { invitationId: id },
      }),
    ]);
  }
  return (await getInvitation(db, auth.orgId, id, now))!;
}

/** Why a code cannot be used, as its holder is told (an unknown code and another organisation's read alike). */
const refusals = {
  unknown: 'No such invitation: check the code, or ask for a new one',
  redeemed: 'This invitation was already used: ask for a new one',
  expired: 'This invitation has expired: ask for a new one',
  revoked: 'This invitation was withdrawn: ask for a new one',
  inactive: 'This invitation cannot be used: ask your programme coordinator',
} as const;

/**
 * Redeems a code into a new credential for its invitee. Single use even under a race: the credential
 * (and its audit entries) are written only if this very redemption marked the invitation used.
 */
export async function redeemInvitation(
  db: D1Database,
  input: { code: string; client: CredentialClient; label?: string | undefined; org?: string | undefined },
  now: string,
): Promise<SignedIn & { refreshSecret: string }> {
  const found = await findByCodeHash(db, await hashToken(input.code), now);
  const refuse = (why: keyof typeof refusals) => unauthenticated(refusals[why]);
  if (!found || (input.org !== undefined && input.org !== found.orgSlug && input.org !== found.orgId)) throw refuse('unknown');
  if (found.invitation.status !== 'pending') throw refuse(found.invitation.status);
  if (!found.invitee.active) throw refuse('inactive');

  const invitationId = found.invitation.id;
  const grant = {
    orgId: found.orgId,
    participantId: found.invitee.id,
    role: found.invitee.role,
    kind: 'invitation' as const,
    client: input.client,
    label: input.label ?? null,
    invitationId,
  };
  const guardFor = (credentialId: string) => redeemedBy(invitationId, credentialId);
  const { id, secrets, statements } = await credentialStatements(db, grant, now, guardFor);
  const [redeemed] = await db.batch([
    redeemStatement(db, invitationId, id, now),
    ...statements,
    auditStatement(
      db,
      {
        orgId: found.orgId,
        at: now,
        action: 'invitation_redeemed',
        actorId: found.invitee.id,
        actorRole: found.invitee.role,
        subjectId: found.invitee.id,
        detail: { invitationId, credentialId: id, client: input.client },
      },
      guardFor(id),
    ),
  ]);
  if (!redeemed?.meta.changes) throw refuse('redeemed'); // another redemption won the race
  const reply = await signedIn(db, grant, id, secrets, input.client);
  return { ...reply, refreshSecret: secrets.refreshToken };
}
