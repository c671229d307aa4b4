import { pulseAnsweredAt, pulseWindow, pulseWindowDays } from '../../shared';
import { savePulsesStatement } from '../db/pulses';
import { assertNotFromTheFuture } from './clock';
import { conflict, notFound } from './errors';
import type { WriteHandler } from './writes';
import { sessionOf } from './write-state';

/**
 * Records the caller's pulse for a session of theirs. It may be answered from the session's
 * start until 14 days after its end (PRODUCT.md §2), judged by the server's clock: the answer
 * counts as made now, or — if it waited in the offline queue — when it was queued, at most
 * `pulseQueueGraceDays` (7) before it arrived; so an answer queued offline on day 13 still counts
 * when it arrives on day 15, but `clientUpdatedAt` never moves the window (it only orders edits).
 * Answering again replaces the answer, unless the stored one is newer.
 */
export const pulseWrites: WriteHandler<'pulse'> = {
  needs({ sessionId }, keys) {
    keys.sessionIds.push(sessionId);
  },

  decide({ sessionId, body: input }, state, arrival) {
    assertNotFromTheFuture(input.clientUpdatedAt, state.now);
    const session = sessionOf(state, sessionId);
    if (!session) throw notFound('session');
    if (session.status === 'cancelled') throw conflict('A cancelled session has no pulse');
    const answeredAt = pulseAnsweredAt(Date.parse(state.now), arrival?.queuedMs);
    const { opensAt, closesAt } = pulseWindow(session);
    if (answeredAt < opensAt) throw conflict('The pulse opens when the session starts');
    if (answeredAt > closesAt) throw conflict(`The pulse closes ${pulseWindowDays} days after the session ends`);
    const existing = state.pulses.get(sessionId);
    if (existing && existing.clientUpdatedAt >= input.clientUpdatedAt) return { status: 200, id: sessionId };
    state.pulses.set(sessionId, {
      sessionId,
      value: input.value,
      safety: input.safety ?? null,
      applied: input.applied ?? null,
      checkIn: input.checkIn,
      clientUpdatedAt: input.clientUpdatedAt,
      updatedAt: state.now,
    });
    state.sessions.set(sessionId, { ...session, pulseAnswered: true });
    state.touched.pulse.add(sessionId);
    return { status: existing ? 200 : 201, id: sessionId };
  },

  statements(db, state) {
    return {
      savedPulses: savePulsesStatement(
        db,
        state.caller,
        [...state.touched.pulse].map((id) => state.pulses.get(id)!),
        state.now,
      ),
    };
  },

  settle(_op, decision, stored) {
    const pulse = stored.pulses.get(decision.id);
    if (!pulse) throw notFound('session'); // the session was not stored after all
    return { status: decision.status, body: pulse };
  },
};
