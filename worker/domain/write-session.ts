import type { SessionPut } from '../../shared';
import { saveSessionsStatements, type SessionValues } from '../db/sessions';
import { mayWriteSession } from '../policy';
import { assertNotFromTheFuture } from './clock';
import { conflict, notFound } from './errors';
import type { WriteHandler } from './writes';
import { eventKey, publicSession, type KnownSession, type WriteState } from './write-state';

const valuesOf = (id: string, input: SessionPut): SessionValues => ({
  id,
  engagementId: input.engagementId,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  source: input.source,
  cycle: input.cycle,
  status: input.status,
  clientUpdatedAt: input.clientUpdatedAt,
});

/**
 * Creates or updates a session under a client-generated id, so a retried request is harmless:
 * - the same id again updates it (if newer) or returns it unchanged;
 * - the same calendar event tagged for the same engagement under another id returns the existing session (200);
 * - an edit older than the stored one is ignored and the stored session returned;
 * - a session never moves to another engagement, nor onto another session's calendar event (409).
 */
export const sessionWrites: WriteHandler<'session'> = {
  needs({ sessionId, body }, keys) {
    keys.sessionIds.push(sessionId);
    keys.events.push([body.engagementId, body.source.provider, body.source.eventId]);
    keys.engagementIds.push(body.engagementId);
  },

  decide({ sessionId: id, body: input }, state) {
    assertNotFromTheFuture(input.clientUpdatedAt, state.now);
    const key = eventKey(input.engagementId, input.source);
    const existing = state.sessions.get(id);
    if (existing) {
      if (!mayWriteSession(existing)) throw notFound('session');
      if (existing.engagementId !== input.engagementId)
        throw conflict('A session cannot move to another engagement', { path: 'engagementId' });
      if (existing.clientUpdatedAt >= input.clientUpdatedAt) return { status: 200, id };
      const other = state.sessionByEvent.get(key);
      if (other !== undefined && other !== id) {
        throw conflict('Another session of this engagement is linked to that calendar event', { sessionId: other });
      }
      state.sessionByEvent.delete(eventKey(existing.engagementId, existing.source));
      apply(state, { ...existing, ...valuesOf(id, input), updatedAt: state.now });
      return { status: 200, id };
    }
    if (!state.memberOf.has(input.engagementId)) throw notFound('engagement', { path: 'engagementId' });
    const sameEvent = state.sessionByEvent.get(key);
    if (sameEvent !== undefined) return { status: 200, id: sameEvent };
    state.created.add(id);
    apply(state, { ...valuesOf(id, input), createdAt: state.now, updatedAt: state.now, pulseAnswered: false, isMember: true });
    return { status: 201, id };
  },

  statements(db, state) {
    const values = (ids: Iterable<string>) => [...ids].map((id) => valuesOf(id, state.sessions.get(id)!));
    const updated = [...state.touched.session].filter((id) => !state.created.has(id));
    return saveSessionsStatements(db, state.caller, values(state.created), values(updated), state.now);
  },

  settle({ sessionId: id, body: input }, decision, stored) {
    const sameEvent = () => stored.sessions.get(stored.sessionByEvent.get(eventKey(input.engagementId, input.source)) ?? '');
    // A create that found its id taken at write time lost a race with a replay of itself (then it is
    // the stored session, newest edit kept by the update) or with a tag of the same event under
    // another id (then that one answers). Neither found: the id is another organisation's — absent.
    const lostRace = decision.status === 201 && !stored.inserted.has(id);
    const row = lostRace ? (stored.sessions.get(id) ?? sameEvent()) : (stored.sessions.get(decision.id) ?? sameEvent());
    if (!row || !mayWriteSession(row)) throw notFound('session');
    return { status: lostRace ? 200 : decision.status, body: publicSession(row) };
  },
};

function apply(state: WriteState, session: KnownSession) {
  state.sessions.set(session.id, session);
  state.sessionByEvent.set(eventKey(session.engagementId, session.source), session.id);
  state.touched.session.add(session.id);
}
