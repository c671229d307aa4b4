import {
  malformedIn,
  writeKinds,
  zWriteOp,
  type Note,
  type Pulse,
  type WriteKind,
  type WriteOf,
  type WriteOp,
  type WriteResultBody,
} from '../../shared';
import type { Auth } from '../env';
import { namedBatch, rowsOf } from '../db/named-batch';
import type { NoteRow } from '../db/notes';
import { toNote } from '../db/notes';
import { toPulse, type PulseRow } from '../db/pulses';
import { toSession, type SessionRow } from '../db/sessions';
import { toAuth, writeReadStatements, type CallerRow, type WriteKeys } from '../db/write-reads';
import { DomainError, invalid, issuesOf, tokenExpired, unauthenticated } from './errors';
import { writeState, type KnownSession, type WriteState } from './write-state';
import { handlerOf, writes, type Arrival, type Decision } from './writes';

/** An op's outcome: accepted with the stored resource (typed by kind), or refused with the domain's reason. */
export type WriteOutcome =
  | { [K in WriteKind]: { ref?: string; ok: true; kind: K; status: 200 | 201; body: WriteResultBody<K> } }[WriteKind]
  | { ref?: string; ok: false; kind?: WriteKind; error: DomainError };

/** An item of a batch as it arrived: its `op` is checked here, on its own, so one malformed op refuses only itself. */
export interface IncomingWrite {
  ref?: string;
  /** How long it waited in the client's offline queue (shared/batch.ts). */
  queuedMs?: number;
  op: unknown;
}

type Pending =
  | { ref?: string; op: WriteOp; arrival: Arrival; decision?: Decision; error?: DomainError }
  | { ref?: string; kind?: WriteKind; error: DomainError };

/**
 * Applies up to 100 writes for the caller behind `tokenHash`, each accepted or refused on its own,
 * in two D1 round trips whatever the batch holds:
 * 1. one read — the caller, and every row the ops need (worker/db/write-reads.ts);
 * 2. each op decided in order in plain TypeScript against that state (worker/domain/writes.ts),
 *    which the accepted ops change as they go, so later ops see earlier ones;
 * 3. one write — every accepted change as set-based upserts that keep the rules in SQL, then the
 *    stored rows read back in the same transaction, from which each op's result is re-derived.
 * A batch that changes nothing (a replay, stale edits) skips the write: one round trip.
 *
 * @example applyWrites(db, hash, [{ ref: 'a', op: { kind: 'pulse', sessionId, body: { value: 5, clientUpdatedAt } } }], nowIso())
 */
export async function applyWrites(
  db: D1Database,
  tokenHash: string,
  items: readonly IncomingWrite[],
  now: string,
): Promise<WriteOutcome[]> {
  const pending: Pending[] = items.map(parseItem);
  const ops = pending.flatMap((p) => ('op' in p ? [p.op] : []));

  const read = await namedBatch(db, writeReadStatements(db, tokenHash, keysOf(ops)));
  const callerRow = rowsOf<CallerRow>(read.caller)[0];
  if (!callerRow) throw unauthenticated();
  if (callerRow.access_expires_at <= now) throw tokenExpired();
  const caller = toAuth(callerRow);
  const state = stateOf(caller, now, read);

  for (const p of pending) {
    if (!('op' in p)) continue;
    try {
      p.decision = handlerOf(p.op).decide(p.op, state, p.arrival);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      p.error = err;
    }
  }

  const changed = writeKinds.some((k) => state.touched[k].size > 0);
  const stored = changed ? await write(db, tokenHash, state, ops) : state;

  return pending.map((p) => {
    const ref = p.ref === undefined ? {} : { ref: p.ref };
    if (!('op' in p)) return { ...ref, ok: false, ...(p.kind ? { kind: p.kind } : {}), error: p.error };
    const kind = p.op.kind;
    if (p.error || !p.decision) return { ...ref, ok: false, kind, error: p.error! };
    try {
      const { status, body } = handlerOf(p.op).settle(p.op, p.decision, stored);
      return { ...ref, ok: true, kind, status, body } as WriteOutcome;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { ...ref, ok: false, kind, error: err };
    }
  });
}

/** One write: a PUT is a batch of one, through the same code. Throws the refusal, if refused. */
export async function applyWrite<K extends WriteKind>(
  db: D1Database,
  tokenHash: string,
  op: WriteOf<K>,
  now: string,
): Promise<{ status: 200 | 201; body: WriteResultBody<K> }> {
  const [outcome] = await applyWrites(db, tokenHash, [{ op }], now);
  if (!outcome!.ok) throw outcome!.error;
  return { status: outcome!.status, body: outcome!.body as WriteResultBody<K> };
}

function parseItem(item: IncomingWrite): Pending {
  const ref = item.ref === undefined ? {} : { ref: item.ref };
  const kind = (item.op as { kind?: unknown } | null)?.kind;
  const known = writeKinds.find((k) => k === kind);
  // What the schema cannot see (a lone surrogate, a `__proto__` key), checked per op: the body's check skips the ops.
  const malformed = malformedIn(item.op);
  if (malformed.length > 0) return { ...ref, ...(known ? { kind: known } : {}), error: invalid('Invalid input', malformed) };
  const parsed = zWriteOp.safeParse(item.op);
  if (parsed.success) return { ...ref, op: parsed.data, arrival: { queuedMs: item.queuedMs ?? 0 } };
  return { ...ref, ...(known ? { kind: known } : {}), error: invalid('Invalid input', issuesOf(parsed.error)) };
}

function keysOf(ops: readonly WriteOp[]): WriteKeys {
  const keys: WriteKeys = { sessionIds: [], events: [], engagementIds: [], noteIds: [] };
  for (const op of ops) handlerOf(op).needs(op, keys);
  return {
    sessionIds: [...new Set(keys.sessionIds)],
    events: [...new Map(keys.events.map((e) => [JSON.stringify(e), e])).values()],
    engagementIds: [...new Set(keys.engagementIds)],
    noteIds: [...new Set(keys.noteIds)],
  };
}

type ReadResults = Record<'sessions' | 'notes' | 'pulses', D1Result<unknown> | null> & { memberships?: D1Result<unknown> | null };

function stateOf(caller: Auth, now: string, read: ReadResults, inserted?: Iterable<string>): WriteState {
  return writeState(caller, now, {
    memberOf: rowsOf<{ engagement_id: string }>(read.memberships ?? null).map((r) => r.engagement_id),
    sessions: rowsOf<SessionRow>(read.sessions).map((r): KnownSession => ({ ...toSession(r), isMember: r.is_member === 1 })),
    notes: rowsOf<NoteRow>(read.notes).map((r): Note => toNote(r)),
    pulses: rowsOf<PulseRow>(read.pulses).map((r): Pulse => toPulse(r)),
    inserted,
  });
}

/** The one write: every kind's statements, then the stored rows read back, in one `db.batch()` (one transaction). */
async function write(db: D1Database, tokenHash: string, state: WriteState, ops: readonly WriteOp[]): Promise<WriteState> {
  const statements: Record<string, D1PreparedStatement | null> = {};
  for (const kind of writeKinds) Object.assign(statements, writes[kind].statements(db, state));
  // Read back everything the ops touch, including sessions now tagged with the events they name.
  const { caller: _, memberships: __, ...readBack } = writeReadStatements(db, tokenHash, keysOf(ops));
  for (const name of Object.keys(readBack)) if (name in statements) throw new Error(`write statement named like a read: ${name}`);
  const result = await namedBatch(db, { ...statements, ...readBack });
  // Rows the insert returns with created_at = now are ours; the others were a replay's, updated if we were newer.
  const returned = rowsOf<{ id: string; created_at: string }>(
    (result as Record<string, D1Result<unknown> | null>).insertedSessions ?? null,
  );
  const inserted = returned.filter((r) => r.created_at === state.now).map((r) => r.id);
  return stateOf(state.caller, state.now, result as ReadResults, inserted);
}
