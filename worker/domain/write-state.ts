import type { Note, Provider, Pulse, Session, WriteKind } from '../../shared';
import type { Auth } from '../env';
import { mayWriteSession } from '../policy';

/** A session as the write path knows it, with whether the caller is a member of its engagement. */
export type KnownSession = Session & { isMember: boolean };

/**
 * What a batch's ops are decided against: the stored rows the batch's one read loaded, then
 * changed op by op as each accepted op is applied — so an op sees what the ops before it did
 * (a note on a session created two ops earlier, the same event tagged twice, two edits of one
 * session). Plain data, so every rule is a pure function over it.
 */
export interface WriteState {
  caller: Auth;
  now: string;
  /** The engagements (among those the ops name) the caller is a member of. */
  memberOf: Set<string>;
  sessions: Map<string, KnownSession>;
  /** `eventKey` → id of the session tagged with that calendar event. */
  sessionByEvent: Map<string, string>;
  notes: Map<string, Note>;
  /** The caller's own answers, by session id. */
  pulses: Map<string, Pulse>;
  /** Ids the accepted ops changed, by kind of write (session and pulse: session id; note: note id). */
  touched: Record<WriteKind, Set<string>>;
  /** Sessions the ops create (inserted, rather than updated). */
  created: Set<string>;
  /** After the write: the sessions the insert actually wrote (a lost race leaves one out). */
  inserted: Set<string>;
}

/** One calendar event of one engagement: at most one session each (PRODUCT.md §2). */
export const eventKey = (engagementId: string, source: { provider: Provider; eventId: string }) =>
  JSON.stringify([engagementId, source.provider, source.eventId]);

export function writeState(
  caller: Auth,
  now: string,
  rows: { memberOf: Iterable<string>; sessions: KnownSession[]; notes: Note[]; pulses: Pulse[]; inserted?: Iterable<string> },
): WriteState {
  return {
    caller,
    now,
    memberOf: new Set(rows.memberOf),
    sessions: new Map(rows.sessions.map((s) => [s.id, s])),
    sessionByEvent: new Map(rows.sessions.map((s) => [eventKey(s.engagementId, s.source), s.id])),
    notes: new Map(rows.notes.map((n) => [n.id, n])),
    pulses: new Map(rows.pulses.map((p) => [p.sessionId, p])),
    touched: { session: new Set(), note: new Set(), pulse: new Set() },
    created: new Set(),
    inserted: new Set(rows.inserted ?? []),
  };
}

/** The session for an op on it (a note, a pulse), if the caller may see it; otherwise absent. */
export function sessionOf(state: WriteState, id: string): KnownSession | undefined {
  const session = state.sessions.get(id);
  return session && mayWriteSession(session) ? session : undefined;
}

/** The API's view of a known session. */
export const publicSession = ({ isMember: _, ...session }: KnownSession): Session => session;
