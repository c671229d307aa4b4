import type { Engagement, EngagementCreate, EngagementPatch } from '../../shared';
import type { Auth } from '../env';
import { getEngagement, saveEngagementStatements, type EngagementValues } from '../db/engagements';
import { findParticipantIds } from '../db/participants';
import { getProgramme } from '../db/programmes';
import { invalid, notFound } from './errors';
import { engagementMemberFilter } from '../policy';
import { engagementRuleIssues } from './engagement-rules';

/** Staff see every engagement; a participant only those they are a member of (else 404). */
export async function readEngagement(db: D1Database, auth: Auth, id: string): Promise<Engagement> {
  const engagement = await getEngagement(db, auth.orgId, id, engagementMemberFilter(auth));
  if (!engagement) throw notFound('engagement');
  return engagement;
}

async function save(db: D1Database, orgId: string, values: EngagementValues, now: string): Promise<Engagement> {
  const programme = await getProgramme(db, orgId, values.programmeId);
  if (!programme) throw notFound('programme', { path: 'programmeId' });
  const known = await findParticipantIds(
    db,
    orgId,
    values.members.map((m) => m.participantId),
  );
  const unknown = values.members.filter((m) => !known.has(m.participantId)).map((m) => m.participantId);
  if (unknown.length) throw notFound('participant', { path: 'members', participantIds: unknown });
  const issues = engagementRuleIssues(programme.kind, values.members, values.startsOn, values.endsOn);
  if (issues.length) throw invalid(`This engagement does not fit a ${programme.kind} programme`, issues);
  await db.batch(saveEngagementStatements(db, orgId, values, now));
  return (await getEngagement(db, orgId, values.id))!;
}

export function createEngagement(db: D1Database, orgId: string, input: EngagementCreate, now: string): Promise<Engagement> {
  return save(db, orgId, { ...input, id: crypto.randomUUID(), endsOn: input.endsOn ?? null }, now);
}

export async function patchEngagement(db: D1Database, orgId: string, id: string, patch: EngagementPatch, now: string): Promise<Engagement> {
  const before = await getEngagement(db, orgId, id);
  if (!before) throw notFound('engagement');
  return save(
    db,
    orgId,
    {
      id,
      programmeId: before.programmeId,
      members: patch.members ?? before.members.map(({ participantId, role }) => ({ participantId, role })),
      startsOn: patch.startsOn ?? before.startsOn,
      endsOn: patch.endsOn === undefined ? before.endsOn : patch.endsOn,
      status: patch.status ?? before.status,
      objectives: patch.objectives ?? before.objectives,
    },
    now,
  );
}
