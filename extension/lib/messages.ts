/**
 * The one typed message table between the extension's pages and its background service worker.
 * Content scripts and pages never hold the API tokens and never call the API: they send these
 * messages; the background answers from storage and its write queue.
 */
import type { Cycle, Engagement, Me, MyCredentials, PulsePutInput, Session, SessionPut, SignInOptions } from '../../shared';
import type { SelectorCounts } from '../hosts/selector-counts';
import type { HostHealth } from './selector-health-lines';
import type { StoredNote, StoredSession } from './stored';

/**
 * Who is signed in. Signed out: the API URL and organisation that pre-fill the form, and `lapsed`
 * naming the person whose sign-in ran out (their refresh was refused) and how many of their writes
 * wait for them to sign in again (absent: none).
 */
export type AuthState =
  | {
      signedIn: false;
      apiUrl: string | null;
      org?: string | null;
      lapsed?: { displayName: string; email: string; waiting: number } | null;
    }
  | { signedIn: true; apiUrl: string; me: Me };

/**
 * A session as the extension knows it: the stored session (the server's copy, or a local one still
 * waiting to sync), and `pending` while a write of it or its pulse waits in the queue.
 */
export type LocalSession = StoredSession & { pending: boolean };

/** The caller's note on a session, `pending` while its write waits in the queue. */
export type LocalNote = StoredNote & { pending: boolean };

export interface SyncState {
  /** Writes waiting in the queue. */
  waiting: number;
  lastError: string | null;
  lastSyncedAt: string | null;
  /** When the next automatic attempt is due (after backoff), if any. */
  nextAttemptAt: string | null;
}

/** Tag a calendar event (its `source` fields, flat) for an engagement; the title stays in this browser. */
export type TagRequest = Session['source'] &
  Pick<SessionPut, 'engagementId' | 'startsAt' | 'endsAt'> & {
    title: string;
    cycle?: Cycle | null;
  };

/** A note as the panel edits it. */
export type NoteDraft = Pick<StoredNote, 'body' | 'visibility' | 'actionItems'>;

/** Request and response of each message. */
export interface MessageTable {
  'auth.state': { req: undefined; res: AuthState };
  /** The organisation's name and its identity providers (public: asked before signing in). */
  'auth.signInOptions': { req: { apiUrl: string; org: string }; res: SignInOptions };
  /** Signs in through one of the organisation's providers (Chrome's auth window), resolving once signed in. */
  'auth.signInWithProvider': { req: { apiUrl: string; org: string; providerId: string }; res: AuthState };
  /** Signs in with an invitation link or code; `apiUrl` for a bare code, `org` to refuse another organisation's. */
  'auth.redeemInvitation': { req: { invitation: string; apiUrl: string | null; org: string | null }; res: AuthState };
  'auth.signOut': { req: undefined; res: AuthState };
  /** The signed-in person's credentials and the invitations made for them. */
  'auth.mySignIns': { req: undefined; res: MyCredentials };
  /** Revokes one of them; this browser's own signs out. */
  'auth.revokeSignIn': { req: { credentialId: string }; res: AuthState };
  /** The caller's engagements (cached for offline use); refreshed from the API when online. */
  'engagements.list': { req: undefined; res: Engagement[] };
  /** The engagement last used for tagging, to pre-select when no guest matches. */
  'engagements.lastUsed': { req: undefined; res: string | null };
  /** The session tagged for a calendar event, if any. */
  /** `around`: the event's start, when the page shows it, so that an event outside the local copy's dates is looked up too. */
  'session.forEvent': { req: Session['source'] & { around?: string | null }; res: LocalSession | null };
  /** Tag a calendar event: idempotent (same event + engagement → the same session). */
  'session.tag': { req: TagRequest; res: LocalSession };
  'session.setCycle': { req: { sessionId: string; cycle: Cycle | null }; res: LocalSession };
  'session.setTime': { req: { sessionId: string; startsAt: string; endsAt: string }; res: LocalSession };
  /** Tagged sessions between two instants (default: the last 30 days and the next 30). */
  'sessions.list': { req: { from?: string; to?: string }; res: LocalSession[] };
  /** Sessions that ended within the pulse window and have no answer yet. */
  'pulse.pending': { req: undefined; res: LocalSession[] };
  'pulse.answer': {
    req: { sessionId: string } & Pick<PulsePutInput, 'value' | 'safety' | 'applied' | 'checkIn'>;
    res: LocalSession;
  };
  /** The caller's own note on a session (readable offline). */
  'note.get': { req: { sessionId: string }; res: LocalNote | null };
  'note.save': {
    req: { sessionId: string } & NoteDraft;
    res: LocalNote;
  };
  'sync.state': { req: undefined; res: SyncState };
  /** Flush the queue now (the popup's retry button). */
  'sync.flush': { req: undefined; res: SyncState };
  /** A calendar tab's selector counts since its last flush (hosts/selector-counts.ts). */
  'health.record': { req: { counts: SelectorCounts }; res: null };
  /** Each host's selector health in this browser, for the options page. */
  'health.state': { req: undefined; res: HostHealth[] };
}

export type MessageType = keyof MessageTable;
export type Request<T extends MessageType> = MessageTable[T]['req'];
export type Response<T extends MessageType> = MessageTable[T]['res'];

/** What travels over `runtime.sendMessage`. */
export interface Envelope<T extends MessageType = MessageType> {
  dyad: T;
  payload: Request<T>;
}

/** The background's answer: the response, or an error message to show. */
export type Reply<T extends MessageType> = { ok: true; value: Response<T> } | { ok: false; error: string };
