/**
 * Tagged sessions as this browser knows them: written locally first (and queued), readable offline.
 */
import { zCycle, zSource, type Cycle, type SessionPut } from '../../shared';
import { dayMs } from '../../shared/rules/days';
import { nextStamp, toInstant } from './clock';
import type { LocalSession, TagRequest } from './messages';
import { syncPulseAlarms } from './pulse-reminders';
import { afterEnqueue, supersede } from './queue';
import { read, update, type QueuedWrite, type StoredSession } from './storage';

/** What a page sees: the stored session, `pending` while a write of it (or its pulse) waits. */
export function toLocalSession(session: StoredSession, queue: readonly QueuedWrite[]): LocalSession {
  const pending = queue.some(({ op }) => op.sessionId === session.id && op.kind !== 'note');
  return { ...session, pending };
}

/** The queue entry that PUTs a session as it now is. */
export function sessionWrite(session: StoredSession, now = new Date()): QueuedWrite {
  const body: SessionPut = {
    engagementId: session.engagementId,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    source: session.source,
    cycle: session.cycle,
    status: session.status,
    clientUpdatedAt: session.clientUpdatedAt,
  };
  return { ref: crypto.randomUUID(), enqueuedAt: now.toISOString(), op: { kind: 'session', sessionId: session.id, body } };
}

/** A session id as the caller knows it, followed to the id the API settled on. */
export function resolveId(aliases: Record<string, string>, id: string): string {
  return aliases[id] ?? id;
}

/**
 * Tags a calendar event for an engagement. Idempotent: the same event and engagement give the same
 * session (updated if its time changed), so a double click or a re-render never makes two.
 */
export async function tagSession(req: TagRequest): Promise<LocalSession> {
  const startsAt = toInstant(req.startsAt, 'startsAt');
  const endsAt = toInstant(req.endsAt, 'endsAt');
  if (endsAt <= startsAt) throw new Error(endsAt < startsAt ? 'The event ends before it starts' : 'The meeting has no length: set its end');
  if (!zSource.shape.eventId.safeParse(req.eventId).success) throw new Error('The calendar event has no usable id');
  if (!req.engagementId) throw new Error('Choose an engagement');
  const cycleIn = req.cycle === undefined ? undefined : req.cycle === null ? null : zCycle.parse(req.cycle);

  const { session, queue, enqueued } = await update(['sessions', 'queue', 'lastEngagement'], ({ sessions, queue }) => {
    const existing = Object.values(sessions).find(
      (s) => s.engagementId === req.engagementId && s.source.provider === req.provider && s.source.eventId === req.eventId,
    );
    const cycle = cycleIn === undefined ? (existing?.cycle ?? null) : cycleIn;
    const title = req.title.trim() || existing?.title || null;
    const unchanged =
      existing && existing.startsAt === startsAt && existing.endsAt === endsAt && existing.cycle === cycle && existing.status === 'held';
    if (unchanged) {
      const session = { ...existing, title };
      return {
        write: { sessions: { ...sessions, [session.id]: session }, lastEngagement: req.engagementId },
        result: { session, queue, enqueued: false },
      };
    }
    const session: StoredSession = {
      id: existing?.id ?? crypto.randomUUID(),
      engagementId: req.engagementId,
      startsAt,
      endsAt,
      source: { provider: req.provider, eventId: req.eventId },
      cycle,
      status: 'held',
      title,
      pulse: existing?.pulse ?? null,
      pulseAnswered: existing?.pulseAnswered ?? false,
      clientUpdatedAt: nextStamp(existing?.clientUpdatedAt),
    };
    const next = supersede(queue, sessionWrite(session));
    return {
      write: { sessions: { ...sessions, [session.id]: session }, queue: next, lastEngagement: req.engagementId },
      result: { session, queue: next, enqueued: true },
    };
  });
  await syncPulseAlarms();
  if (enqueued) await afterEnqueue();
  return toLocalSession(session, queue);
}

/** Sets (or clears) a session's business-cycle tag. */
export async function setCycle(sessionId: string, cycle: Cycle | null): Promise<LocalSession> {
  const parsed = cycle === null ? null : zCycle.parse(cycle);
  const { session, queue } = await update(['sessions', 'queue', 'aliases'], ({ sessions, queue, aliases }) => {
    const existing = sessions[resolveId(aliases, sessionId)];
    if (!existing) throw new Error('This session is not known here');
    const session: StoredSession = { ...existing, cycle: parsed, clientUpdatedAt: nextStamp(existing.clientUpdatedAt) };
    const next = supersede(queue, sessionWrite(session));
    return { write: { sessions: { ...sessions, [session.id]: session }, queue: next }, result: { session, queue: next } };
  });
  await afterEnqueue();
  return toLocalSession(session, queue);
}

/** Corrects a session's start and end (a meeting that overran, a time the calendar showed wrong). */
export async function setTime(sessionId: string, span: { startsAt: string; endsAt: string }): Promise<LocalSession> {
  const startsAt = toInstant(span.startsAt, 'startsAt');
  const endsAt = toInstant(span.endsAt, 'endsAt');
  if (endsAt <= startsAt) throw new Error('Set an end after the start');
  const { session, queue } = await update(['sessions', 'queue', 'aliases'], ({ sessions, queue, aliases }) => {
    const existing = sessions[resolveId(aliases, sessionId)];
    if (!existing) throw new Error('This session is not known here');
    const session: StoredSession = { ...existing, startsAt, endsAt, clientUpdatedAt: nextStamp(existing.clientUpdatedAt) };
    const next = supersede(queue, sessionWrite(session));
    return { write: { sessions: { ...sessions, [session.id]: session }, queue: next }, result: { session, queue: next } };
  });
  await syncPulseAlarms(); // the pulse window follows the end
  await afterEnqueue();
  return toLocalSession(session, queue);
}

/** Sessions starting between two instants (default: the last 30 days and the next 30), by start. */
export async function listSessions(range: { from?: string; to?: string }, now = Date.now()): Promise<LocalSession[]> {
  const from = range.from ? toInstant(range.from, 'from') : new Date(now - 30 * dayMs).toISOString();
  const to = range.to ? toInstant(range.to, 'to') : new Date(now + 30 * dayMs).toISOString();
  const { sessions, queue } = await read('sessions', 'queue');
  return Object.values(sessions)
    .filter((s) => s.startsAt >= from && s.startsAt <= to)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id))
    .map((s) => toLocalSession(s, queue));
}

/** The session tagged for a calendar event (a held one first, then the latest edit). */
export async function sessionForEvent(provider: string, eventId: string): Promise<LocalSession | null> {
  const { sessions, queue } = await read('sessions', 'queue');
  const matches = Object.values(sessions)
    .filter((s) => s.source.provider === provider && s.source.eventId === eventId)
    .sort((a, b) => Number(b.status === 'held') - Number(a.status === 'held') || b.clientUpdatedAt.localeCompare(a.clientUpdatedAt));
  return matches[0] ? toLocalSession(matches[0], queue) : null;
}
