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
import { zBatchResponse, type BatchRequest, type BatchResult, type Note, type Session } from '../../shared';
import { limits } from '../../shared/rules/limits';
import { ApiError, apiRequest, errorMessage, isRetryableStatus } from './api';
import { backoff, retryDelay } from './backoff';
import { credentialsOf, renewAccessToken, sameSignIn } from './credentials';
import { withLock } from './lock';
import type { SyncState } from './messages';
import { syncPulseAlarms } from './pulse-reminders';
import { read, update, type State, type StoredNote, type StoredSession, type SyncMeta, type QueuedWrite } from './storage';

/** What started a flush. A user's retry and the browser coming back online skip the backoff wait. */
export type FlushTrigger = 'enqueue' | 'alarm' | 'startup' | 'online' | 'manual' | 'refresh' | 'sign-out';

export const FLUSH_ALARM = 'dyad-flush';

/**
 * A batch carries at most the API's number of ops, and its body (counted in UTF-8 bytes, as the API
 * counts it) stays under the API's body limit with room for the `{"ops":[…]}` around the items.
 */
export const batchLimits = { ops: limits.batchOps, bytes: limits.bodyBytes - 8 * 1024 } as const;

/** Rounds of batches one flush may send (a round holds back notes and pulses of a session written in the same round). */
const maxRounds = 20;

/** Writes to the same key are the same resource: a newer one supersedes an older one still queued. */
export function resourceKey({ op }: QueuedWrite): string {
  switch (op.kind) {
    case 'session':
      return `session:${op.sessionId}`;
    case 'note':
      return `note:${op.noteId}`;
    case 'pulse':
      return `pulse:${op.sessionId}`;
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
export function planBatch(queue: readonly QueuedWrite[], bounds: { ops: number; bytes: number } = batchLimits): QueuedWrite[] {
  const batch: QueuedWrite[] = [];
  const sessionsInBatch = new Set<string>();
  let bytes = 0;
  for (const write of queue) {
    if (batch.length >= bounds.ops) break;
    const { op } = write;
    if (op.kind !== 'session' && sessionsInBatch.has(op.sessionId)) continue;
    const size = utf8.encode(JSON.stringify(batchItem(write))).length + 1;
    if (batch.length > 0 && bytes + size > bounds.bytes) break;
    batch.push(write);
    bytes += size;
    if (op.kind === 'session') sessionsInBatch.add(op.sessionId);
  }
  return batch;
}

const utf8 = new TextEncoder();

/**
 * What the batch sends for a queued write: the op as stored, with the entry's ref and how long it
 * has waited in the queue — a duration on this browser's clock, which the API uses to judge the
 * pulse window by its own clock (shared/rules/pulse.ts: pulseAnsweredAt). A clock set back since
 * the enqueue counts as no wait.
 */
export function batchItem({ ref, enqueuedAt, op }: QueuedWrite, now = Date.now()): BatchRequest['ops'][number] {
  return { ref, queuedMs: Math.max(0, Math.round(now - Date.parse(enqueuedAt))) || 0, op };
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
    // An answer of another kind than the write is not an answer to it: keep it for the next flush.
    const answered = result && (result.ok ? result.kind === write.op.kind : !isRetryableStatus(result.status));
    if (!result || !answered) {
      outcome.retry = true;
      continue;
    }
    const current = queue.find((queued) => queued.ref === write.ref);
    // The entry leaves the queue (unless it was superseded meanwhile; then the newer one stays).
    queue = queue.filter((queued) => queued.ref !== write.ref);
    const sessionId = current?.op.sessionId ?? write.op.sessionId;
    if (!result.ok) {
      outcome.dropped.push(`${describe(write, sessions[sessionId])}: ${errorMessage(result.body, result.status)}`);
      continue;
    }
    switch (result.kind) {
      case 'session': {
        const session = result.body;
        let id = sessionId;
        if (session.id !== sessionId) {
          ({ queue, sessions, notes, aliases } = adopt({ queue, sessions, notes, aliases }, sessionId, session.id));
          outcome.adopted.push([sessionId, session.id]);
          id = session.id;
        }
        if (!queue.some(({ op }) => op.kind === 'session' && op.sessionId === id)) {
          sessions = { ...sessions, [id]: fromServer(session, sessions[id], pulseQueued(queue, id)) };
        }
        break;
      }
      case 'note': {
        const note = result.body;
        const still = queue.some(({ op }) => op.kind === 'note' && op.noteId === note.id);
        const local = notes[note.sessionId];
        if (!still && (!local || local.id === note.id)) notes = { ...notes, [note.sessionId]: noteFromServer(note) };
        break;
      }
      case 'pulse': {
        const local = sessions[sessionId];
        if (!local || pulseQueued(queue, sessionId)) break;
        const { value, safety, applied, checkIn } = result.body;
        sessions = { ...sessions, [sessionId]: { ...local, pulse: { value, safety, applied, checkIn }, pulseAnswered: true } };
        break;
      }
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
  const queue = dedupe(
    state.queue.map((queued) => (queued.op.sessionId === ours ? { ...queued, op: { ...queued.op, sessionId: theirs } } : queued)),
  );

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
  const { id, engagementId, startsAt, endsAt, source, cycle, status, clientUpdatedAt } = session;
  const pulseAnswered = session.pulseAnswered || pulsePending;
  return {
    id,
    engagementId,
    startsAt,
    endsAt,
    source,
    cycle,
    status,
    clientUpdatedAt,
    pulseAnswered,
    title: local?.title ?? null,
    pulse: pulseAnswered ? (local?.pulse ?? null) : null,
  };
}

function noteFromServer(note: Note): StoredNote {
  const { id, sessionId, body, visibility, actionItems, clientUpdatedAt } = note;
  return { id, sessionId, body, visibility, actionItems, clientUpdatedAt };
}

function pulseQueued(queue: readonly QueuedWrite[], sessionId: string): boolean {
  return queue.some(({ op }) => op.kind === 'pulse' && op.sessionId === sessionId);
}

function describe(write: QueuedWrite, session: StoredSession | undefined): string {
  const what = { session: 'Session', note: 'Note', pulse: 'Pulse answer' }[write.op.kind];
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
    const creds = credentialsOf(auth);
    if (!creds || queue.length === 0) break;
    const waiting = trigger !== 'manual' && trigger !== 'online' && trigger !== 'sign-out';
    if (round === 0 && waiting && sync.nextAttemptAt && Date.parse(sync.nextAttemptAt) > Date.now() + 1000) break;

    const batch = planBatch(queue);
    if (batch.length === 0) break;
    let results: BatchResult[];
    try {
      const response = await apiRequest(creds, 'POST', '/v1/batch', {
        schema: zBatchResponse,
        body: { ops: batch.map((write) => batchItem(write)) } satisfies BatchRequest,
        timeoutMs: 30_000,
      });
      if (response.results.length !== batch.length) throw new ApiError(502, 'The API answered a batch with the wrong number of results');
      results = response.results;
    } catch (err) {
      // Refused, not expired (revoked from another browser, say): asking for the next token settles
      // it. A refused refresh signs out here, keeping the queue for this person's next sign-in.
      if (err instanceof ApiError && err.status === 401) await renewAccessToken(creds.token).catch(() => null);
      await recordFailure(err, random);
      break;
    }

    const { adopted, retry } = await update<
      'auth' | 'queue' | 'sessions' | 'notes' | 'aliases' | 'sync',
      Pick<Outcome, 'adopted' | 'retry'>
    >(['auth', 'queue', 'sessions', 'notes', 'aliases', 'sync'], (state) => {
      // Signed out (or in as someone else) while the batch was out: its results are not ours to keep.
      if (!sameSignIn(auth, state.auth)) return { write: {}, result: { adopted: [], retry: true } };
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
      ? 'Your sign-in has lapsed: sign in again on the options page.'
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
