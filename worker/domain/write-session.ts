import type { Session, SessionPut } from '../../shared';
import type { Auth } from '../env';
import { getEngagement } from '../db/engagements';
import { findSession, findSessionByEvent, insertSession, toSession, updateSessionIfNewer, type SessionRow } from '../db/sessions';
import { conflict, notFound } from '../http/errors';
import { assertNotFromTheFuture } from './clock';

export interface WriteResult<T> {
  status: 200 | 201;
  body: T;
}

/** The session if the caller may see it (same organisation, member of its engagement), else 404. */
export async function visibleSession(db: D1Database, auth: Auth, id: string): Promise<SessionRow> {
  const row = await findSession(db, auth, id);
  if (!row || row.is_member !== 1) throw notFound('session');
  return row;
}

/**
 * Creates or updates a session under a client-generated id, so a retried request is harmless:
 * - the same id again updates it (if newer) or returns it unchanged;
 * - the same calendar event tagged for the same engagement under another id returns the existing session (200);
 * - an edit older than the stored one is ignored and the stored session returned.
 */
export async function writeSession(
  db: D1Database,
  auth: Auth,
  id: string,
  input: SessionPut,
  now: string,
): Promise<WriteResult<Session>> {
  assertNotFromTheFuture(input.clientUpdatedAt, now);
  const existing = await findSession(db, auth, id);
  if (existing) return updateExisting(db, auth, existing, input, now);

  const engagement = await getEngagement(db, auth.orgId, input.engagementId, auth.participantId);
  if (!engagement) throw notFound('engagement', { path: 'engagementId' });

  const sameEvent = await findSessionByEvent(db, auth, input.engagementId, input.source);
  if (sameEvent) return { status: 200, body: toSession(sameEvent) };

  if (await insertSession(db, { ...input, id, orgId: auth.orgId, createdBy: auth.participantId, now })) {
    return { status: 201, body: toSession((await findSession(db, auth, id))!) };
  }
  // Lost a race with a concurrent replay (same id) or a concurrent tag of the same event (other id);
  // nothing found means the id is taken outside the caller's organisation, which must not be revealed.
  const winner = (await findSession(db, auth, id)) ?? (await findSessionByEvent(db, auth, input.engagementId, input.source));
  if (!winner || winner.is_member !== 1) throw notFound('session');
  if (winner.id === id) return updateExisting(db, auth, winner, input, now);
  return { status: 200, body: toSession(winner) };
}

async function updateExisting(
  db: D1Database,
  auth: Auth,
  existing: SessionRow,
  input: SessionPut,
  now: string,
): Promise<WriteResult<Session>> {
  if (existing.is_member !== 1) throw notFound('session');
  if (existing.engagement_id !== input.engagementId) {
    throw conflict('A session cannot move to another engagement', { path: 'engagementId' });
  }
  if (existing.client_updated_at >= input.clientUpdatedAt) return { status: 200, body: toSession(existing) };

  const movedEvent = existing.provider !== input.source.provider || existing.event_id !== input.source.eventId;
  if (movedEvent) {
    const other = await findSessionByEvent(db, auth, input.engagementId, input.source);
    if (other && other.id !== existing.id) {
      throw conflict('Another session of this engagement is linked to that calendar event', { sessionId: other.id });
    }
  }
  await updateSessionIfNewer(db, { ...input, id: existing.id, orgId: auth.orgId, now });
  return { status: 200, body: toSession((await findSession(db, auth, existing.id))!) };
}
