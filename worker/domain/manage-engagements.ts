import type { Engagement, EngagementCreate, EngagementPatch } from '../../shared';
import type { Auth } from '../env';
import { auditStatement } from '../db/audit';
import { changesEngagementGuard, getEngagement, saveEngagementStatements, type EngagementValues } from '../db/engagements';
import { findParticipantIds } from '../db/participants';
import { getProgramme } from '../db/programmes';
import { invalid, notFound } from './errors';
import { engagementMemberFilter } from '../policy';
import { engagementRuleIssues } from './engagement-rules';
import { engagementChanged, engagementCreated } from './population-change';

/** Staff see every engagement; a participant only those they are a member of (else 404). */
export async function readEngagement(db: D1Database, auth: Auth, id: string): Promise<Engagement> {
  const engagement = await getEngagement(db, auth.orgId, id, engagementMemberFilter(auth));
  if (!engagement) throw notFound('engagement');
  return engagement;
}

/**
 * Checks and writes an engagement, with its audit entry (if any) in the same batch, placed before the
 * save so that its guard sees the engagement as it was.
 */
async function save(
  db: D1Database,
  orgId: string,
  values: EngagementValues,
  now: string,
  audit: D1PreparedStatement[],
): Promise<Engagement> {
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
  await db.batch([...audit, ...saveEngagementStatements(db, orgId, values, now)]);
  return (await getEngagement(db, orgId, values.id))!;
}

/** A new pairing, in the audit log with who made it (worker/domain/population-change.ts). */
export function createEngagement(db: D1Database, auth: Auth, input: EngagementCreate, now: string): Promise<Engagement> {
  const values = { ...input, id: crypto.randomUUID(), endsOn: input.endsOn ?? null };
  return save(db, auth.orgId, values, now, [auditStatement(db, engagementCreated(auth, now, values))]);
}

/**
 * Changes an engagement; a change of its status, dates or members (pausing, closing, re-membering)
 * is in the audit log, an objectives-only one is not: it shapes no figure.
 */
export async function patchEngagement(db: D1Database, auth: Auth, id: string, patch: EngagementPatch, now: string): Promise<Engagement> {
  const found = await getEngagement(db, auth.orgId, id);
  if (!found) throw notFound('engagement');
  const before = valuesOf(found);
  const after: EngagementValues = {
    ...before,
    members: patch.members ?? before.members,
    startsOn: patch.startsOn ?? before.startsOn,
    endsOn: patch.endsOn === undefined ? before.endsOn : patch.endsOn,
    status: patch.status ?? before.status,
    objectives: patch.objectives ?? before.objectives,
  };
  const entry = engagementChanged(auth, now, before, after);
  return save(db, auth.orgId, after, now, entry ? [auditStatement(db, entry, changesEngagementGuard(after))] : []);
}

const valuesOf = (e: Engagement): EngagementValues => ({
  id: e.id,
  programmeId: e.programmeId,
  members: e.members.map(({ participantId, role }) => ({ participantId, role })),
  startsOn: e.startsOn,
  endsOn: e.endsOn,
  status: e.status,
  objectives: e.objectives,
});
