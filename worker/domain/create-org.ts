import type { IssuedInvitation, Org, OrgCreate, Participant } from '../../shared';
import { credentialLifetimes, dayMs } from '../../shared';
import { auditStatement } from '../db/audit';
import { getInvitation, insertInvitationStatement } from '../db/invitations';
import { insertOrgStatement, slugTaken } from '../db/orgs';
import { insertParticipantStatement } from '../db/participants';
import { conflict } from './errors';
import { invitationLink } from './invitations';
import { hashToken, newTokenSecret } from './token-secrets';

/** A slug from a name: "Northwind Traders" → "northwind-traders". */
export const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'org';

/**
 * Creates an organisation with its first admin, in one transaction, and an invitation for that
 * admin (the operator sends it on; nobody, the operator included, is handed a credential). The admin
 * then configures the organisation's identity provider, or invites people.
 */
export async function createOrg(
  db: D1Database,
  input: OrgCreate,
  origin: string,
  now: string,
): Promise<{ org: Org; admin: Participant; adminInvitation: IssuedInvitation }> {
  let slug = input.slug ?? slugOf(input.name);
  if (await slugTaken(db, slug)) {
    if (input.slug) throw conflict(`An organisation already goes by ${slug}`, { path: 'slug' });
    slug = `${slug.slice(0, 33)}-${crypto.randomUUID().slice(0, 6)}`;
  }
  const org: Org = {
    id: crypto.randomUUID(),
    name: input.name,
    slug,
    minGroupSize: input.minGroupSize ?? 5,
    commentMinimum: input.commentMinimum ?? 10,
    fiscalYearStartMonth: input.fiscalYearStartMonth ?? 1,
    attributeDimensions: input.attributeDimensions ?? [], // none until the organisation opts in to each
    extensionHealthReports: input.extensionHealthReports ?? false, // anonymous as they are, reports wait for the opt-in
    createdAt: now,
    updatedAt: now,
  };
  const admin: Participant = {
    id: crypto.randomUUID(),
    displayName: input.admin.displayName,
    email: input.admin.email,
    level: null,
    function: null,
    region: null,
    status: 'active',
    role: 'admin',
    createdAt: now,
    updatedAt: now,
  };
  const code = newTokenSecret('inv');
  const invitationId = crypto.randomUUID();
  await db.batch([
    insertOrgStatement(db, org),
    insertParticipantStatement(db, org.id, admin.id, admin, now),
    insertInvitationStatement(db, {
      id: invitationId,
      orgId: org.id,
      participantId: admin.id,
      createdBy: null,
      codeHash: await hashToken(code),
      now,
      expiresAt: new Date(Date.parse(now) + credentialLifetimes.invitationDefaultDays * dayMs).toISOString(),
    }),
    auditStatement(db, {
      orgId: org.id,
      at: now,
      action: 'org_created',
      actorId: null,
      actorRole: null,
      subjectId: admin.id,
      detail: { invitationId },
    }),
  ]);
  return {
    org,
    admin,
    adminInvitation: { invitation: (await getInvitation(db, org.id, invitationId, now))!, code, link: invitationLink(origin, code) },
  };
}
