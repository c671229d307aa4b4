import { pulseWindowDays, type Pulse, type PulsePut } from '../../shared';
import type { Auth } from '../env';
import { getOwnPulse, upsertPulse } from '../db/pulses';
import { conflict } from '../http/errors';
import { assertNotFromTheFuture } from './clock';
import { visibleSession, type WriteResult } from './write-session';

const dayMs = 24 * 3600_000;

/**
 * Records the caller's pulse for a session of theirs. It may be answered from the session's
 * start until 14 days after its end (PRODUCT.md §2). The answer's time is when the client made
 * it (capped at now), so an answer queued offline on day 13 still counts when it arrives on day 15.
 */
export async function writePulse(
  db: D1Database,
  auth: Auth,
  sessionId: string,
  input: PulsePut,
  now: string,
): Promise<WriteResult<Pulse>> {
  assertNotFromTheFuture(input.clientUpdatedAt, now);
  const session = await visibleSession(db, auth, sessionId);
  if (session.status === 'cancelled') throw conflict('A cancelled session has no pulse');
  const answeredAt = Math.min(Date.parse(input.clientUpdatedAt), Date.parse(now));
  if (answeredAt < Date.parse(session.starts_at)) throw conflict('The pulse opens when the session starts');
  if (answeredAt > Date.parse(session.ends_at) + pulseWindowDays * dayMs) {
    throw conflict(`The pulse closes ${pulseWindowDays} days after the session ends`);
  }
  const existing = await getOwnPulse(db, auth, sessionId);
  await upsertPulse(db, { ...input, orgId: auth.orgId, sessionId, respondentId: auth.participantId, now });
  return { status: existing ? 200 : 201, body: (await getOwnPulse(db, auth, sessionId))! };
}
