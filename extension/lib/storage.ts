/**
 * Every piece of the extension's state, declared once. The service worker may die at any instant,
 * so nothing lives in module variables: the background reads what it needs from here, changes it
 * with `update` (read, change, write in one `storage.local.set`), and a later worker picks up
 * exactly where the last one stopped.
 *
 * Pages and content scripts never read these items (the tokens are here): they ask the background
 * through the message table (`messages.ts`).
 */
import { browser, storage } from '#imports';
import type { Engagement, Me, WriteOp } from '../../shared';
import type { StoredNote, StoredSession } from './stored';
import { withLock } from './lock';

/**
 * Who is signed in, and the credential they hold (shared/identity.ts). The API URL and the
 * organisation stay after sign-out, to pre-fill the form. `me` also stays when the sign-in lapsed
 * (the refresh token was refused) rather than being signed out of: the queue is kept for that
 * person, and sent once they sign in again (`signIn` in auth.ts compares who signs in with it).
 */
export interface AuthRecord {
  apiUrl: string | null;
  /** The organisation's slug, as typed or set by policy. */
  org: string | null;
  /** The short-lived bearer token of every call; null while signed out. */
  accessToken: string | null;
  /** Gets the next access token (`POST /v1/auth/refresh`); rotated by each refresh. */
  refreshToken: string | null;
  /** The credential both tokens belong to: a refresh keeps it, a new sign-in changes it. */
  credentialId: string | null;
  accessExpiresAt: string | null;
  me: Me | null;
}

/** The record of nobody signed in, keeping what pre-fills the form (and whose queue is kept). */
export function signedOutRecord(keep: Pick<AuthRecord, 'apiUrl' | 'org'> & { me?: Me | null }): AuthRecord {
  return {
    apiUrl: keep.apiUrl,
    org: keep.org,
    accessToken: null,
    refreshToken: null,
    credentialId: null,
    accessExpiresAt: null,
    me: keep.me ?? null,
  };
}

/** A v1 record held a coordinator-minted token, which the API no longer takes: keep who it was, drop the token. */
type AuthRecordV1 = { apiUrl: string | null; token: string | null; me: Me | null };
export function authFromV1(v1: AuthRecordV1): AuthRecord {
  // Keeping `me` keeps that person's queued writes for their first real sign-in.
  return signedOutRecord({ apiUrl: v1.apiUrl, org: v1.me?.org.slug ?? null, me: v1.me });
}

export type { PulseAnswer, StoredNote, StoredSession } from './stored';

/**
 * One write waiting to reach the API: the op exactly as the batch sends it (`WriteOp`, shared/batch.ts)
 * plus the queue's own bookkeeping. The op's body carries the client ids and `clientUpdatedAt`, so a
 * replay is harmless.
 */
export interface QueuedWrite {
  /** The entry's own id, sent as the batch item's `ref`. */
  ref: string;
  enqueuedAt: string;
  op: WriteOp;
}

/** A queue entry as builds before the typed batch stored it (queue item v1): the op's fields flat. */
type QueuedWriteV1 = { ref: string; enqueuedAt: string } & WriteOp;

/** Queue v1 → v2: the op's fields move under `op`, so a queue written by the old build is not lost. */
export function queueFromV1(queue: ReadonlyArray<QueuedWriteV1 | QueuedWrite>): QueuedWrite[] {
  // An entry that already holds its op is kept: harmless if the version mark was lost but the queue was not.
  return queue.map((entry) => {
    if ('op' in entry) return entry;
    const { ref, enqueuedAt, ...op } = entry;
    return { ref, enqueuedAt, op: op as WriteOp };
  });
}

export interface SyncMeta {
  /** Consecutive failed attempts (network, 5xx, 429); drives the backoff. */
  attempts: number;
  nextAttemptAt: string | null;
  lastSyncedAt: string | null;
  /**
   * `transient` (network, 5xx, 429, refused token) clears on the next successful flush;
   * `dropped` (a write the API refused with a 4xx) stays until the user retries.
   */
  lastError: { message: string; kind: 'transient' | 'dropped'; at: string } | null;
}

export interface RefreshMeta {
  /** When sessions and engagements were last fetched from the API. */
  at: string | null;
  /** When a refresh was last tried (throttles tries while offline). */
  attemptedAt: string | null;
}

export interface State {
  auth: AuthRecord;
  queue: QueuedWrite[];
  sync: SyncMeta;
  sessions: Record<string, StoredSession>;
  notes: Record<string, StoredNote>;
  /** Session ids the API replaced by an existing session's id (same event, same engagement): old → new. */
  aliases: Record<string, string>;
  engagements: Engagement[];
  lastEngagement: string | null;
  refreshed: RefreshMeta;
}
export type StateName = keyof State;

/** Current version of each item; bump it together with a migration. */
const versions: Record<StateName, number> = {
  auth: 2,
  queue: 2,
  sync: 1,
  sessions: 1,
  notes: 1,
  aliases: 1,
  engagements: 1,
  lastEngagement: 1,
  refreshed: 1,
};

export const items = {
  auth: storage.defineItem<AuthRecord>('local:auth', {
    fallback: signedOutRecord({ apiUrl: null, org: null }),
    version: versions.auth,
    migrations: { 2: authFromV1 },
  }),
  queue: storage.defineItem<QueuedWrite[]>('local:queue', {
    fallback: [],
    version: versions.queue,
    migrations: { 2: queueFromV1 },
  }),
  sync: storage.defineItem<SyncMeta>('local:sync', {
    fallback: { attempts: 0, nextAttemptAt: null, lastSyncedAt: null, lastError: null },
    version: versions.sync,
    migrations: {},
  }),
  sessions: storage.defineItem<Record<string, StoredSession>>('local:sessions', {
    fallback: {},
    version: versions.sessions,
    migrations: {},
  }),
  notes: storage.defineItem<Record<string, StoredNote>>('local:notes', { fallback: {}, version: versions.notes, migrations: {} }),
  aliases: storage.defineItem<Record<string, string>>('local:aliases', { fallback: {}, version: versions.aliases, migrations: {} }),
  engagements: storage.defineItem<Engagement[]>('local:engagements', {
    fallback: [],
    version: versions.engagements,
    migrations: {},
  }),
  lastEngagement: storage.defineItem<string | null>('local:lastEngagement', {
    fallback: null,
    version: versions.lastEngagement,
    migrations: {},
  }),
  refreshed: storage.defineItem<RefreshMeta>('local:refreshed', {
    fallback: { at: null, attemptedAt: null },
    version: versions.refreshed,
    migrations: {},
  }),
} as const;

const stateNames = Object.keys(items) as StateName[];

/**
 * Reads some items (after their migrations), as copies the caller may change freely.
 *
 * @example const { queue, sync } = await read('queue', 'sync');
 */
export async function read<K extends StateName>(...names: K[]): Promise<Pick<State, K>> {
  const values = await Promise.all(names.map((name) => items[name].getValue()));
  const out = {} as Pick<State, K>;
  // Copies: a fallback object is shared by every read, and callers edit what they get.
  names.forEach((name, i) => {
    out[name] = structuredClone(values[i]) as State[K];
  });
  return out;
}

/**
 * Writes items in one `storage.local.set`, so a worker killed mid-write leaves either all of
 * the change or none of it. Each value goes with its version metadata (what WXT's migrations read).
 */
export async function write(values: Partial<State>): Promise<void> {
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(values) as StateName[]) {
    const key = items[name].key.slice('local:'.length);
    raw[key] = values[name];
    raw[`${key}$`] = { v: versions[name] };
  }
  if (Object.keys(raw).length > 0) await browser.storage.local.set(raw);
}

/**
 * Read, change, write, with no other `update` of this worker in between. `change` returns the
 * items to write (all at once) and a result for the caller.
 *
 * @example const n = await update(['queue'], ({ queue }) => ({ write: { queue: [] }, result: queue.length }));
 */
export async function update<K extends StateName, R>(
  names: K[],
  change: (state: Pick<State, K>) => { write: Partial<State>; result: R } | Promise<{ write: Partial<State>; result: R }>,
): Promise<R> {
  return withLock('dyad-state', async () => {
    const state = await read(...names);
    const { write: values, result } = await change(state);
    await write(values);
    return result;
  });
}

/** Forgets everything but the API URL and organisation (sign-out, or another person signing in). */
export async function clearAll(keep: Pick<AuthRecord, 'apiUrl' | 'org'>): Promise<void> {
  await withLock('dyad-state', async () => {
    await browser.storage.local.remove(stateNames.flatMap((name) => [items[name].key.slice('local:'.length)]));
    await write({ auth: signedOutRecord(keep) });
  });
}
