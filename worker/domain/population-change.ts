import { memberKey, type EngagementValues } from '../db/engagements';
import type { AuditEntry } from '../db/audit';
import type { Auth } from '../env';

/**
 * The trail of writes that shape the population the analytics count (`populationActions`,
 * shared/rules/disclosure.ts): who exists with which attributes, which pairings run, with whom and
 * when. Padding a cell with made-up people and pausing a pairing to see a figure move are writes a
 * coordinator can make (issue 13, attack classes 6 and 7); these entries say who made them.
 *
 * Each function turns one change into its audit entry (or null when it shapes nothing), written by
 * the caller in the same batch as the change. Details name attribute DIMENSIONS, never values: the
 * audit log is read by admins, and admins may not read anyone's attributes either.
 */

/** The actor half of an entry: the caller, by id and role, at `now`. */
const by = (auth: Auth, now: string) => ({ orgId: auth.orgId, at: now, actorId: auth.participantId, actorRole: auth.role });

/** The dimensions a write names, in a stable order (a value, or null for a removal — the value is dropped). */
export const dimensionsOf = (attributes: Record<string, unknown> | undefined): string[] => Object.keys(attributes ?? {}).sort();

/** A person added (POST /v1/participants): which dimensions they were given, the new person as subject. */
export function participantCreated(auth: Auth, now: string, id: string, attributes: Record<string, string> | undefined): AuditEntry {
  return { ...by(auth, now), action: 'participant_created', subjectId: id, detail: { dimensions: dimensionsOf(attributes) } };
}

/**
 * One entry per import, however many rows: counts, and the dimensions at least one row set. No
 * subject — an import touches up to 10,000 people, and the counts are what shapes a figure.
 */
export function participantsImported(
  auth: Auth,
  now: string,
  counts: { created: number; updated: number },
  rows: ReadonlyArray<{ attributes: Record<string, string> }>,
): AuditEntry {
  const dimensions = [...new Set(rows.flatMap((r) => Object.keys(r.attributes)))].sort();
  return { ...by(auth, now), action: 'participants_imported', detail: { ...counts, dimensions } };
}

/**
 * Staff setting or removing a person's attributes (PATCH /v1/participants/:id), or null when the
 * write names none, or when the caller writes their own: those are theirs to state, and no figure is
 * padded by a person telling the truth about themselves.
 *
 * Logged whenever staff write a dimension, even with the value it already had — on purpose. Skipping
 * the entry when the stored value is unchanged would make the log an oracle: an admin who sets
 * "gender: woman" and sees no entry would learn, without a trace, that the person is a woman. So a
 * retried attribute write is logged each time; it is the write, not its effect, that is traced.
 */
export function attributesChanged(
  auth: Auth,
  now: string,
  id: string,
  attributes: Record<string, string | null> | undefined,
): AuditEntry | null {
  const dimensions = dimensionsOf(attributes);
  if (dimensions.length === 0 || id === auth.participantId) return null;
  return { ...by(auth, now), action: 'attributes_changed', subjectId: id, detail: { dimensions } };
}

/**
 * A pairing created (POST /v1/engagements). No subject: an engagement has two to a hundred members,
 * naming the first would single one of them out for no reason, and the engagement id already leads
 * to all of them.
 */
export function engagementCreated(auth: Auth, now: string, e: EngagementValues): AuditEntry {
  return {
    ...by(auth, now),
    action: 'engagement_created',
    detail: { engagementId: e.id, programmeId: e.programmeId, members: e.members.length },
  };
}

/**
 * What a change of an engagement does to the population (PATCH /v1/engagements/:id): the status,
 * dates and members that differ, each `{ from, to }` (members as counts, `{ added, removed }`; a role
 * swap is one of each, `memberKey`), or
 * null when none does — objectives, or a retried write that changes nothing, shape no figure.
 */
export function engagementChanged(auth: Auth, now: string, before: EngagementValues, after: EngagementValues): AuditEntry | null {
  const detail: Record<string, unknown> = {};
  for (const field of ['status', 'startsOn', 'endsOn'] as const) {
    if (before[field] !== after[field]) detail[field] = { from: before[field], to: after[field] };
  }
  const was = new Set(before.members.map(memberKey));
  const is = new Set(after.members.map(memberKey));
  const added = [...is].filter((k) => !was.has(k)).length;
  const removed = [...was].filter((k) => !is.has(k)).length;
  if (added > 0 || removed > 0) detail.members = { added, removed };
  if (Object.keys(detail).length === 0) return null;
  return { ...by(auth, now), action: 'engagement_changed', detail: { engagementId: after.id, ...detail } };
}
