/**
 * The shapes of what the extension stores about sessions and notes, derived from the API's.
 * Types only, with no runtime import, so pages and the end-to-end tests (which run outside WXT)
 * can name them without pulling in `storage.ts` and its `#imports`.
 */
import type { Note, Pulse, Session } from '../../shared';

/** The caller's own pulse answer, as the session keeps it (the values only: the API has the rest). */
export type PulseAnswer = Pick<Pulse, 'value' | 'safety' | 'applied' | 'checkIn'>;

/**
 * A session as stored: the API's session (`Session` in shared/session.ts) less its server-side
 * timestamps, plus what only this browser knows. `pulseAnswered` says whether the caller answered
 * its pulse, here or elsewhere (the server says so without the values, so `pulse` may be null
 * while `pulseAnswered` is true until the values are fetched).
 */
export type StoredSession = Pick<
  Session,
  'id' | 'engagementId' | 'startsAt' | 'endsAt' | 'source' | 'cycle' | 'status' | 'clientUpdatedAt' | 'pulseAnswered'
> & {
  /** The calendar event's title, kept locally for the popup (never sent to the API). */
  title: string | null;
  /** The caller's pulse answer, if known here (local until synced). */
  pulse: PulseAnswer | null;
};

/** The caller's own note on a session, keyed by session id: the API's note less what the server adds. */
export type StoredNote = Pick<Note, 'id' | 'sessionId' | 'body' | 'visibility' | 'actionItems' | 'clientUpdatedAt'>;
