import { dayMs } from './days';

/** The v1 question set (PRODUCT.md §2). Only `value` is required, so one click is a complete answer. */
export const pulseQuestions = [
  { id: 'value', text: 'How valuable was this session?', required: true, min: 1, max: 5 },
  { id: 'safety', text: 'I could speak candidly', required: false, min: 1, max: 5 },
  { id: 'applied', text: 'I will act on something from this session', required: false, min: 1, max: 5 },
] as const;
export type PulseQuestionId = (typeof pulseQuestions)[number]['id'];
export type PulseQuestion = (typeof pulseQuestions)[number];

/** The answers a question offers, lowest first: `[1, 2, 3, 4, 5]` for the v1 questions. */
export const scaleOf = (question: { min: number; max: number }): number[] =>
  Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);

/** A respondent may answer up to 14 days after the session ends. */
export const pulseWindowDays = 14;

/**
 * When a session's pulse may be answered: from the session's start until `pulseWindowDays` after
 * its end (PRODUCT.md §2), as epoch milliseconds.
 */
export function pulseWindow(session: { startsAt: string; endsAt: string }): { opensAt: number; closesAt: number } {
  return { opensAt: Date.parse(session.startsAt), closesAt: Date.parse(session.endsAt) + pulseWindowDays * dayMs };
}

/**
 * How long a write may say it waited in the client's offline queue: 7 days. The window is judged by
 * the server's clock, never the client's (a client could date an answer to 90 days ago just after
 * the session, and a clock can be wrong); an answer made in the window that could not be sent —
 * the laptop shut for a week's leave, a flight, the API unreachable — still counts when it arrives,
 * if it waited at most this long. The queue flushes on start-up and whenever the browser is back
 * online, so a week covers ordinary absences; in return, even a client that lies about its wait
 * cannot answer more than 21 days after the session ended, while the figures are still fresh.
 */
export const pulseQueueGraceDays = 7;

/**
 * When an answer counts as made, by the server's clock (epoch ms): now, or — for a write that
 * waited in the offline queue — `queuedMs` earlier, reaching back at most `pulseQueueGraceDays`.
 * `queuedMs` is a duration the client measured on its own clock (send time − enqueue time), so a
 * clock set wrong does not shift it.
 *
 * @example inPulseWindow(session, pulseAnsweredAt(Date.now(), item.queuedMs))
 */
export function pulseAnsweredAt(now: number, queuedMs = 0): number {
  return now - Math.min(Math.max(0, queuedMs), pulseQueueGraceDays * dayMs);
}

/** Whether an answer made at `at` (epoch ms) falls in the session's pulse window. */
export function inPulseWindow(session: { startsAt: string; endsAt: string }, at: number): boolean {
  const { opensAt, closesAt } = pulseWindow(session);
  return at >= opensAt && at <= closesAt;
}

/**
 * Whether the pulse is due for the person now: held, ended, not yet answered, and still open.
 * The one rule the panel, the popup and the reminders share.
 */
export function pulseIsDue(
  session: { startsAt: string; endsAt: string; status: 'held' | 'cancelled'; pulseAnswered: boolean },
  now: number,
): boolean {
  return session.status === 'held' && !session.pulseAnswered && Date.parse(session.endsAt) <= now && inPulseWindow(session, now);
}
