import type { Me } from '../../shared';
import type { Auth } from '../env';
import { getOrg } from '../db/orgs';
import { getAttributes, getParticipant } from '../db/participants';

/** Who a credential belongs to: the person (with their own attributes), their role and organisation. */
export async function readMe(db: D1Database, auth: Pick<Auth, 'orgId' | 'participantId' | 'role'>): Promise<Me> {
  const [participant, attributes, org] = await Promise.all([
    getParticipant(db, auth.orgId, auth.participantId),
    getAttributes(db, auth.orgId, auth.participantId),
    getOrg(db, auth.orgId),
  ]);
  return { participant: { ...participant!, attributes }, role: participant!.role, org: org! };
}
