/**
 * The one-click pulse: answering is local first (queued), so it works offline and the reminder stops.
 */
import type { PulsePut } from '../../shared';
import { pulseIsDue, pulseQuestions, type PulseQuestionId } from '../../shared/rules/pulse';
import { nextStamp } from './clock';
import type { LocalSession, Request } from './messages';
import { clearPulseReminder } from './pulse-reminders';
import { afterEnqueue, supersede } from './queue';
import { resolveId, toLocalSession } from './sessions';
import { read, update, type StoredSession } from './storage';

/** Sessions that ended within the pulse window and have no answer yet, the most recent first. */
export async function pendingPulses(now = Date.now()): Promise<LocalSession[]> {
  const { sessions, queue } = await read('sessions', 'queue');
  return Object.values(sessions)
    .filter((s) => pulseIsDue(s, now))
    .sort((a, b) => b.endsAt.localeCompare(a.endsAt))
    .map((s) => toLocalSession(s, queue));
}

/** An answer to one question, checked against the question set's scale (shared/rules/pulse.ts). */
const score = (value: number | null | undefined, id: PulseQuestionId, what: string): number | null => {
  const question = pulseQuestions.find((q) => q.id === id)!;
  if (value === null || value === undefined) {
    if (question.required) throw new Error(`${what} is required`);
    return null;
  }
  if (!Number.isInteger(value) || value < question.min || value > question.max) {
    throw new Error(`${what} must be ${question.min} to ${question.max}`);
  }
  return value;
};

/** Answers (or re-answers) a session's pulse. Only `value` is required: one click is a complete answer. */
export async function answerPulse(req: Request<'pulse.answer'>): Promise<LocalSession> {
  const value = score(req.value, 'value', 'The answer')!;
  const safety = score(req.safety, 'safety', 'safety');
  const applied = score(req.applied, 'applied', 'applied');
  const checkIn = req.checkIn === true;

  const { session, queue } = await update(['sessions', 'queue', 'aliases'], ({ sessions, queue, aliases }) => {
    const existing = sessions[resolveId(aliases, req.sessionId)];
    if (!existing) throw new Error('This session is not known here');
    if (existing.status === 'cancelled') throw new Error('A cancelled session has no pulse');
    const queued = queue.find(({ op }) => op.kind === 'pulse' && op.sessionId === existing.id);
    const clientUpdatedAt = nextStamp(queued?.op.body.clientUpdatedAt);
    const body: PulsePut = { value, safety, applied, checkIn, clientUpdatedAt };
    const session: StoredSession = { ...existing, pulse: { value, safety, applied, checkIn }, pulseAnswered: true };
    const next = supersede(queue, {
      ref: crypto.randomUUID(),
      enqueuedAt: new Date().toISOString(),
      op: { kind: 'pulse', sessionId: existing.id, body },
    });
    return { write: { sessions: { ...sessions, [session.id]: session }, queue: next }, result: { session, queue: next } };
  });
  await clearPulseReminder(session.id);
  await afterEnqueue();
  return toLocalSession(session, queue);
}
