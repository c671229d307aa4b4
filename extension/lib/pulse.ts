/**
 * The one-click pulse: answering is local first (queued), so it works offline and the reminder stops.
 */
import type { PulsePut } from '../../shared';
import { nextStamp } from './clock';
import type { LocalSession, Request } from './messages';
import { clearPulseReminder, isPulsePending } from './pulse-reminders';
import { afterEnqueue, supersede } from './queue';
import { resolveId, toLocalSession } from './sessions';
import { read, update, type StoredSession } from './storage';

/** Sessions that ended within the pulse window and have no answer yet, the most recent first. */
export async function pendingPulses(now = Date.now()): Promise<LocalSession[]> {
  const { sessions, queue } = await read('sessions', 'queue');
  return Object.values(sessions)
    .filter((s) => isPulsePending(s, now))
    .sort((a, b) => b.endsAt.localeCompare(a.endsAt))
    .map((s) => toLocalSession(s, queue));
}

const score = (value: number | null | undefined, what: string, required: boolean): number | null => {
  if (value === null || value === undefined) {
    if (required) throw new Error(`${what} is required`);
    return null;
  }
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new Error(`${what} must be 1 to 5`);
  return value;
};

/** Answers (or re-answers) a session's pulse. Only `value` is required: one click is a complete answer. */
export async function answerPulse(req: Request<'pulse.answer'>): Promise<LocalSession> {
  const value = score(req.value, 'The answer', true)!;
  const safety = score(req.safety, 'safety', false);
  const applied = score(req.applied, 'applied', false);
  const checkIn = req.checkIn === true;

  const { session, queue } = await update(['sessions', 'queue', 'aliases'], ({ sessions, queue, aliases }) => {
    const existing = sessions[resolveId(aliases, req.sessionId)];
    if (!existing) throw new Error('This session is not known here');
    if (existing.status === 'cancelled') throw new Error('A cancelled session has no pulse');
    const queued = queue.find((q) => q.kind === 'pulse' && q.sessionId === existing.id);
    const clientUpdatedAt = nextStamp(queued?.body.clientUpdatedAt);
    const body: PulsePut = { value, safety, applied, checkIn, clientUpdatedAt };
    const session: StoredSession = { ...existing, pulse: { value, safety, applied, checkIn }, pulseAnswered: true };
    const next = supersede(queue, {
      ref: crypto.randomUUID(),
      kind: 'pulse',
      sessionId: existing.id,
      body,
      enqueuedAt: new Date().toISOString(),
    });
    return { write: { sessions: { ...sessions, [session.id]: session }, queue: next }, result: { session, queue: next } };
  });
  await clearPulseReminder(session.id);
  await afterEnqueue();
  return toLocalSession(session, queue);
}
