import type { Org, OrgCreate, Participant } from '../../shared';
import { insertOrgStatement } from '../db/orgs';
import { insertParticipantStatement } from '../db/participants';
import { insertTokenStatement } from '../db/tokens';
import { hashToken, newTokenSecret } from './token-secrets';

/** Creates an organisation with its first admin and that admin's token, in one transaction. */
export async function createOrg(
  db: D1Database,
  input: OrgCreate,
  now: string,
): Promise<{ org: Org; admin: Participant; adminToken: string }> {
  const org: Org = {
    id: crypto.randomUUID(),
    name: input.name,
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
    createdAt: now,
    updatedAt: now,
  };
  const adminToken = newTokenSecret();
  await db.batch([
    insertOrgStatement(db, org),
    insertParticipantStatement(db, org.id, admin.id, admin, now),
    insertTokenStatement(db, {
      id: crypto.randomUUID(),
      orgId: org.id,
      participantId: admin.id,
      role: 'admin',
      hash: await hashToken(adminToken),
      label: 'bootstrap',
      now,
    }),
  ]);
  return { org, admin, adminToken };
}
