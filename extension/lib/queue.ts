/**
 * The offline write queue. Every write goes into `storage.local` first, then flushes through
 * `POST /v1/batch` — on enqueue, on an alarm, on start-up and when the browser is back online.
 *
 * Why it survives a worker killed at any instant:
 * - an entry leaves the queue only in the same `storage.local.set` that records its result, so a
 *   worker killed mid-flush replays the batch on its next start;
 * - every write carries its client ids (session, note) and `clientUpdatedAt`, so the API treats a
 *   replay as the write it already has: nothing is written twice.
 */
import { browser } from '#imports';
import { zBatchResponse, zNote, zPulse, zSession, type BatchOp, type BatchResult, type Session } from '../../shared';
import { ApiError, apiRequest, errorMessage, isRetryableStatus } from './api';
import { backoff, retryDelay } from './backoff';
import { withLock } from './lock';
import type { SyncState } from './messages';
import { syncPulseAlarms } from './pulse-reminders';
import { read, update, type State, type StoredNote, type StoredSession, type SyncMeta, type QueuedWrite } from './storage';

/** What started a flush. A user's retry and the browser coming back online skip the backoff wait. */
export type FlushTrigger = 'enqueue' | 'alarm' | 'startup' | 'online' | 'manual' | 'refresh' | 'sign-out';

export const FLUSH_ALARM = 'dyad-flush';

/** A batch carries at most 100 ops (the API's limit) and stays well under its 256 KB body limit. */
export const batchLimits = { ops: 100, bytes: 200_000 } as const;

/** Rounds of batches one flush may send (a round holds back notes and pulses of a session written in the same round). */
const maxRounds = 20;

/** Writes to the same key are the same resource: a newer one supersedes an older one still queued. */
export function resourceKey(write: QueuedWrite): string {
  switch (write.kind) {
    case 'session':
      return `session:${write.sessionId}`;
    case 'note':
      return `note:${write.noteId}`;
    case 'pulse':
      return `pulse:${write.sessionId}`;
  }
}

export function pathOf(write: QueuedWrite): string {
  switch (write.kind) {
    case 'session':
      return `/v1/sessions/${write.sessionId}`;
    case 'note':
      return `/v1/sessions/${write.sessionId}/notes/${write.noteId}`;
    case 'pulse':
      return `/v1/sessions/${write.sessionId}/pulse`;
  }
}

/**
 * Adds a write to the queue. If a write to the same resource is still queued, the new one takes
 * its place (its position too, so a session's write stays ahead of its notes and pulse).
 */
export function supersede(queue: readonly QueuedWrite[], write: QueuedWrite): QueuedWrite[] {
  const key = resourceKey(write);
  const at = queue.findIndex((queued) => resourceKey(queued) === key);
  if (at < 0) return [...queue, write];
  return queue.map((queued, i) => (i === at ? write : queued)).filter((queued, i) => i <= at || resourceKey(queued) !== key);
}

/**
 * After entries were re-pointed, two may address the same resource: the later-enqueued one wins,
 * at the earlier one's position.
 */
export function dedupe(queue: readonly QueuedWrite[]): QueuedWrite[] {
  let out: QueuedWrite[] = [];
  for (const write of queue) {
    const key = resourceKey(write);
    const at = out.findIndex((queued) => resourceKey(queued) === key);
    if (at < 0) out.push(write);
    else if (write.enqueuedAt >= out[at]!.enqueuedAt) out = out.map((queued, i) => (i === at ? write : queued));
  }
  return out;
}

/**
 * The next batch, in queue order. A note or pulse whose session is written in the same batch waits
 * for the next one: if the API answers that the event was already tagged under another id, they
 * must go to that id, not to one that does not exist.
 */
export function planBatch(queue: readonly QueuedWrite[], limits: { ops: number; bytes: number } = batchLimits): QueuedWrite[] {
  const batch: QueuedWrite[] = [];
  const sessionsInBatch = new Set<string>();
  let bytes = 0;
  for (const write of queue) {
    if (batch.length >= limits.ops) break;
    if (write.kind !== 'session' && sessionsInBatch.has(write.sessionId)) continue;
    const size = JSON.stringify(toOp(write)).length + 1;
    if (batch.length > 0 && bytes + size > limits.bytes) break;
    batch.push(write);
    bytes += size;
    if (write.kind === 'session') sessionsInBatch.add(write.sessionId);
  }
  return batch;
}

export function toOp(write: QueuedWrite): BatchOp {
  return { ref: write.ref, method: 'PUT', path: pathOf(write), body: write.body };
}

type Synced = Pick<State, 'queue' | 'sessions' | 'notes' | 'aliases'>;

export interface Outcome {
  /** Some writes failed in a way worth retrying (5xx, 429 for one op). */
  retry: boolean;
  /** Messages of writes the API refused (4xx): dropped, not retried. */
  dropped: string[];
  /** Session ids replaced by the API's existing session: [ours, theirs]. */
  adopted: Array<[string, string]>;
}

/**
 * Applies a batch's results to the queue and the local copies (pure). Results pair with the
 * writes sent by `ref`, in order.
 */
export function applyResults(state: Synced, sent: readonly QueuedWrite[], results: readonly BatchResult[]): Synced & { outcome: Outcome } {
  let { queue, sessions, notes, aliases } = state;
  const outcome: Outcome = { retry: false, dropped: [], adopted: [] };
  const byRef = new Map(results.map((result, i) => [result.ref ?? sent[i]?.ref, result]));

  for (const write of sent) {
    const result = byRef.get(write.ref);
    const current = queue.find((queued) => queued.ref === write.ref);
    if (!result || isRetryableStatus(result.status)) {
      outcome.retry = true;
      continue;
    }
    // The entry leaves the queue (unless it was superseded meanwhile; then the newer one stays).
    queue = queue.filter((queued) => queued.ref !== write.ref);
    const sessionId = current?.sessionId ?? write.sessionId;
    if (result.status >= 400) {
      outcome.dropped.push(`${describe(write, sessions[sessionId])}: ${errorMessage(result.body, result.status)}`);
      continue;
    }
    if (write.kind === 'session') {
      const session = zSession.safeParse(result.body);
      if (!session.success) continue;
      let id = sessionId;
      if (session.data.id !== sessionId) {
        ({ queue, sessions, notes, aliases } = adopt({ queue, sessions, notes, aliases }, sessionId, session.data.id));
        outcome.adopted.push([sessionId, session.data.id]);
        id = session.data.id;
      }
      if (!queue.some((queued) => queued.kind === 'session' && queued.sessionId === id)) {
        sessions = { ...sessions, [id]: fromServer(session.data, sessions[id], pulseQueued(queue, id)) };
      }
    } else if (write.kind === 'note') {
      const note = zNote.safeParse(result.body);
      if (!note.success) continue;
      const still = queue.some((queued) => queued.kind === 'note' && queued.noteId === write.noteId);
      const local = notes[note.data.sessionId];
      if (!still && (!local || local.id === note.data.id)) {
        notes = { ...notes, [note.data.sessionId]: noteFromServer(note.data) };
      }
    } else {
      const pulse = zPulse.safeParse(result.body);
      const local = sessions[sessionId];
      if (!pulse.success || !local || pulseQueued(queue, sessionId)) continue;
      const { value, safety, applied, checkIn } = pulse.data;
      sessions = { ...sessions, [sessionId]: { ...local, pulse: { value, safety, applied, checkIn }, pulseAnswered: true } };
    }
  }
  return { queue, sessions, notes, aliases, outcome };
}

/**
 * The API answered that this calendar event was already tagged for the engagement, under `theirs`:
 * our session becomes theirs — locally, in the queue (notes and pulse re-pointed) and in the aliases
 * (so a content script still holding our id reaches theirs).
 */
export function adopt(state: Synced, ours: string, theirs: string): Synced {
  const queue = dedupe(state.queue.map((queued) => (queued.sessionId === ours ? { ...queued, sessionId: theirs } : queued)));

  const sessions = { ...state.sessions };
  const mine = sessions[ours];
  delete sessions[ours];
  if (mine) {
    const existing = sessions[theirs];
    sessions[theirs] = {
      ...(existing ?? mine),
      id: theirs,
      title: mine.title ?? existing?.title ?? null,
      pulse: mine.pulse ?? existing?.pulse ?? null,
      pulseAnswered: mine.pulseAnswered || (existing?.pulseAnswered ?? false),
    };
  }

  const notes = { ...state.notes };
  const myNote = notes[ours];
  delete notes[ours];
  if (myNote) {
    const theirNote = notes[theirs];
    if (!theirNote || theirNote.clientUpdatedAt <= myNote.clientUpdatedAt) notes[theirs] = { ...myNote, sessionId: theirs };
  }

  const aliases: Record<string, string> = {};
  for (const [from, to] of Object.entries(state.aliases)) aliases[from] = to === ours ? theirs : to;
  aliases[ours] = theirs;
  return { queue, sessions, notes, aliases };
}

/** The server's session, keeping what only this browser knows (the title, the pulse values). */
export function fromServer(session: Session, local: StoredSession | undefined, pulsePending: boolean): StoredSession {
  return {
    id: session.id,
    engagementId: session.engagementId,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    source: session.source,
    cycle: session.cycle,
    status: session.status,
    title: local?.title ?? null,
    pulse: session.pulseAnswered || pulsePending ? (local?.pulse ?? null) : null,
    pulseAnswered: session.pulseAnswered || pulsePending,
    clientUpdatedAt: session.clientUpdatedAt,
  };
}

function noteFromServer(note: { id: string; sessionId: string; body: string; visibility: StoredNote['visibility']; actionItems: StoredNote['actionItems']; clientUpdatedAt: string }): StoredNote {
  const { id, sessionId, body, visibility, actionItems, clientUpdatedAt } = note;
  return { id, sessionId, body, visibility, actionItems, clientUpdatedAt };
}

function pulseQueued(queue: readonly QueuedWrite[], sessionId: string): boolean {
  return queue.some((queued) => queued.kind === 'pulse' && queued.sessionId === sessionId);
}

function describe(write: QueuedWrite, session: StoredSession | undefined): string {
  const what = write.kind === 'session' ? 'Session' : write.kind === 'note' ? 'Note' : 'Pulse answer';
  const title = session?.title ? ` “${session.title}”` : '';
  return `${what}${title} not saved`;
}

/** The sync state the popup shows. */
export function toSyncState(queue: readonly QueuedWrite[], sync: SyncMeta): SyncState {
  return {
    waiting: queue.length,
    lastError: sync.lastError?.message ?? null,
    lastSyncedAt: sync.lastSyncedAt,
    nextAttemptAt: queue.length > 0 ? sync.nextAttemptAt : null,
  };
}

export async function syncState(): Promise<SyncState> {
  const { queue, sync } = await read('queue', 'sync');
  return toSyncState(queue, sync);
}

/**
 * Sends what the queue holds, batch after batch, until it is empty or an attempt fails.
 * One flush at a time; a flush started meanwhile waits, then finds what is left.
 *
 * @example await flush('manual');
 */
export function flush(trigger: FlushTrigger, random: () => number = Math.random): Promise<SyncState> {
  return withLock('dyad-flush', () => flushHoldingLock(trigger, random));
}

/** `flush` for a caller that already holds the `dyad-flush` lock (the refresh). */
export async function flushHoldingLock(trigger: FlushTrigger, random: () => number = Math.random): Promise<SyncState> {
  if (trigger === 'manual') {
    // The user asked: forget the wait, and the message of writes already dropped.
    await update(['sync'], ({ sync }) => ({ write: { sync: { ...sync, nextAttemptAt: null, lastError: null } }, result: null }));
  }
  for (let round = 0; round < maxRounds; round++) {
    const { auth, queue, sync } = await read('auth', 'queue', 'sync');
    if (!auth.token || !auth.apiUrl || queue.length === 0) break;
    const waiting = trigger !== 'manual' && trigger !== 'online' && trigger !== 'sign-out';
    if (round === 0 && waiting && sync.nextAttemptAt && Date.parse(sync.nextAttemptAt) > Date.now() + 1000) break;

    const batch = planBatch(queue);
    if (batch.length === 0) break;
    let results: BatchResult[];
    try {
      const response = await apiRequest({ apiUrl: auth.apiUrl, token: auth.token }, 'POST', '/v1/batch', {
        schema: zBatchResponse,
        body: { ops: batch.map(toOp) },
        timeoutMs: 30_000,
      });
      if (response.results.length !== batch.length) throw new ApiError(502, 'The API answered a batch with the wrong number of results');
      results = response.results;
    } catch (err) {
      await recordFailure(err, random);
      break;
    }

    const { adopted, retry } = await update<'auth' | 'queue' | 'sessions' | 'notes' | 'aliases' | 'sync', Pick<Outcome, 'adopted' | 'retry'>>(['auth', 'queue', 'sessions', 'notes', 'aliases', 'sync'], (state) => {
      // Signed out (or in as someone else) while the batch was out: its results are not ours to keep.
      if (state.auth.token !== auth.token) return { write: {}, result: { adopted: [], retry: true } };
      const next = applyResults(state, batch, results);
      const now = new Date();
      const sync = syncAfter(state.sync, next.outcome, now, random);
      return {
        write: { queue: next.queue, sessions: next.sessions, notes: next.notes, aliases: next.aliases, sync },
        result: next.outcome,
      };
    });
    // The adopted sessions' pulse alarms move to their new ids.
    if (adopted.length > 0) await syncPulseAlarms();
    if (retry) break;
  }
  await scheduleFlushAlarm();
  return syncState();
}

/** The sync bookkeeping after a batch answered: backoff if some writes must be retried. */
export function syncAfter(sync: SyncMeta, outcome: Outcome, now: Date, random: () => number = Math.random): SyncMeta {
  const at = now.toISOString();
  const dropped = outcome.dropped.length > 0 ? { message: outcome.dropped.join('; '), kind: 'dropped' as const, at } : null;
  if (outcome.retry) {
    const attempts = sync.attempts + 1;
    return {
      ...sync,
      attempts,
      nextAttemptAt: new Date(now.getTime() + retryDelay(attempts, null, random)).toISOString(),
      lastError: dropped ?? { message: 'Some writes could not be saved yet; retrying.', kind: 'transient', at },
    };
  }
  return {
    attempts: 0,
    nextAttemptAt: null,
    lastSyncedAt: at,
    lastError: dropped ?? (sync.lastError?.kind === 'dropped' ? sync.lastError : null),
  };
}

async function recordFailure(err: unknown, random: () => number): Promise<void> {
  const apiError = err instanceof ApiError ? err : new ApiError(0, err instanceof Error ? err.message : String(err));
  const message =
    apiError.status === 401
      ? 'The API refused the token: sign in again on the options page.'
      : apiError.retryable
        ? `${apiError.message}; will retry.`
        : `The API refused the batch (${apiError.status}): ${apiError.message}`;
  await update(['sync'], ({ sync }) => {
    const attempts = sync.attempts + 1;
    const now = new Date();
    const next: SyncMeta = {
      ...sync,
      attempts,
      nextAttemptAt: new Date(now.getTime() + retryDelay(attempts, apiError.retryAfterMs, random)).toISOString(),
      // A dropped write's message stays visible until the user retries.
      lastError: sync.lastError?.kind === 'dropped' ? sync.lastError : { message, kind: 'transient', at: now.toISOString() },
    };
    return { write: { sync: next }, result: null };
  });
}

/**
 * While writes wait, an alarm is due: at the end of the backoff, and never sooner than Chrome
 * allows. It wakes a worker that died before it could flush.
 */
export async function scheduleFlushAlarm(): Promise<void> {
  const { queue, sync } = await read('queue', 'sync');
  if (queue.length === 0) {
    await browser.alarms.clear(FLUSH_ALARM);
    return;
  }
  const soonest = Date.now() + backoff.alarmMinMs;
  const when = Math.max(soonest, sync.nextAttemptAt ? Date.parse(sync.nextAttemptAt) : 0);
  await browser.alarms.create(FLUSH_ALARM, { when });
}

/**
 * After an enqueue: make sure an alarm will flush even if this worker dies now, then flush.
 * Resolves once the alarm is set, with the flush it started (which never rejects), for a caller
 * that wants to tell the user whether the write went out.
 */
export async function afterEnqueue(): Promise<{ flushed: Promise<void> }> {
  const existing = await browser.alarms.get(FLUSH_ALARM);
  if (!existing) await browser.alarms.create(FLUSH_ALARM, { when: Date.now() + backoff.alarmMinMs });
  const flushed = flush('enqueue').then(
    () => undefined,
    (err: unknown) => console.warn('[dyad] flush failed', err),
  );
  return { flushed };
}
