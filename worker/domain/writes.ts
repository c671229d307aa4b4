import type { WriteKind, WriteOf, WriteResultBody } from '../../shared';
import type { WriteKeys } from '../db/write-reads';
import { noteWrites } from './write-note';
import { pulseWrites } from './write-pulse';
import { sessionWrites } from './write-session';
import type { WriteState } from './write-state';

/** How an accepted op was decided: its status, and the id of the stored row that answers it. */
export interface Decision {
  status: 200 | 201;
  id: string;
}

/** How a write arrived: how long it waited in the client's offline queue first (0 for a direct PUT). */
export interface Arrival {
  queuedMs: number;
}

/**
 * One kind of write: what it reads, how it is decided, what it writes, and how its result is read
 * back from what was stored. Every function but `statements` is pure.
 */
export interface WriteHandler<K extends WriteKind> {
  /** Adds what the op needs loaded to the batch's one read. */
  needs(op: WriteOf<K>, keys: WriteKeys): void;
  /**
   * Decides the op against the state the earlier ops left, and applies it to the state.
   * Throws a domain error (worker/domain/errors.ts) to refuse it; the other ops still apply.
   * `arrival` says how long the op waited in the client's queue (absent: it was sent at once).
   */
  decide(op: WriteOf<K>, state: WriteState, arrival?: Arrival): Decision;
  /** The statements that store what this kind's accepted ops left in the state, for the batch's one write. */
  statements(db: D1Database, state: WriteState): Record<string, D1PreparedStatement | null>;
  /**
   * The op's result from the rows read back after the write — what was actually stored, so a
   * request racing between the read and the write is answered truthfully. May refuse, too.
   */
  settle(op: WriteOf<K>, decision: Decision, stored: WriteState): { status: 200 | 201; body: WriteResultBody<K> };
}

/**
 * The table of writes, by kind: the Worker's only dispatch on `kind`. A new kind of write is a
 * member of `zWriteOp` (shared/batch.ts) and one entry here. Its order is the order of the
 * statements in the write (sessions first: notes and pulses refer to them).
 */
export const writes: { [K in WriteKind]: WriteHandler<K> } = {
  session: sessionWrites,
  note: noteWrites,
  pulse: pulseWrites,
};

/** The handler for an op, typed by its kind. */
export const handlerOf = <K extends WriteKind>(op: WriteOf<K>) => writes[op.kind] as unknown as WriteHandler<K>;
