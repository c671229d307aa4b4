/**
 * Pulls what the API knows into the local copies: who the caller is, their engagements, and their
 * sessions around today (with whether each pulse is answered). Local writes still queued win.
 */
import { zEngagementList, zMe, zPulse, zSessionList, type Session, type WriteKind } from '../../shared';
import { apiRequest, ApiError, type Credentials } from './api';
import { dayMs } from '../../shared/rules/days';
import { credentialsOf, sameSignIn } from './credentials';
import { withLock } from './lock';
import { syncPulseAlarms } from './pulse-reminders';
import { flushHoldingLock, fromServer } from './queue';
import { read, update, type State, type StoredSession } from './storage';

export const REFRESH_ALARM = 'dyad-refresh';
/** The window of sessions kept in step with the API (the popup shows ±30 days, pulses close after 14). */
export const refreshWindow = { pastDays: 45, futureDays: 60 } as const;
/** Answered pulses whose values are fetched per refresh (one GET each). */
const pulseFetchesPerRefresh = 20;

/**
 * Merges the API's sessions of a window into the local ones (pure):
 * - a session with a write still queued keeps its local fields;
 * - any other takes the API's, keeping the title (the API has none);
 * - a local session of the window the API does not have, with nothing queued, is gone
 *   (deleted elsewhere, or refused when it was sent), and its note with it.
 */
export function mergeSessions(
  state: Pick<State, 'sessions' | 'notes' | 'queue'>,
  remote: readonly Session[],
  window: { from: string; to: string },
): Pick<State, 'sessions' | 'notes'> {
  const sessions = { ...state.sessions };
  const notes = { ...state.notes };
  const queuedFor = (id: string, kind?: WriteKind) => state.queue.some(({ op }) => op.sessionId === id && (!kind || op.kind === kind));
  const seen = new Set<string>();
  for (const session of remote) {
    seen.add(session.id);
    const local = sessions[session.id];
    if (local && queuedFor(session.id, 'session')) {
      sessions[session.id] = { ...local, pulseAnswered: local.pulseAnswered || session.pulseAnswered };
    } else {
      sessions[session.id] = fromServer(session, local, queuedFor(session.id, 'pulse'));
    }
  }
  for (const local of Object.values(state.sessions)) {
    const inWindow = local.startsAt >= window.from && local.startsAt <= window.to;
    if (inWindow && !seen.has(local.id) && !queuedFor(local.id)) {
      delete sessions[local.id];
      delete notes[local.id];
    }
  }
  return { sessions, notes };
}

/**
 * Flushes the queue, then fetches. Holds the flush lock throughout, so no write lands between
 * the fetch and the merge (a session the API acknowledged meanwhile would look deleted).
 */
export function refresh(now = Date.now()): Promise<void> {
  return withLock('dyad-flush', async () => {
    await flushHoldingLock('refresh');
    const { auth } = await read('auth');
    const creds = credentialsOf(auth);
    if (!creds) return;
    const window = {
      from: new Date(now - refreshWindow.pastDays * dayMs).toISOString(),
      to: new Date(now + refreshWindow.futureDays * dayMs).toISOString(),
    };
    const query = new URLSearchParams(window).toString();
    const [me, { engagements }, { sessions: remote }] = await Promise.all([
      apiRequest(creds, 'GET', '/v1/me', { schema: zMe, timeoutMs: 10_000 }),
      apiRequest(creds, 'GET', '/v1/engagements', { schema: zEngagementList, timeoutMs: 10_000 }),
      apiRequest(creds, 'GET', `/v1/sessions?${query}`, { schema: zSessionList, timeoutMs: 15_000 }),
    ]);
    const missingPulses = await update(['auth', 'sessions', 'notes', 'queue', 'refreshed'], (state) => {
      if (!sameSignIn(auth, state.auth)) return { write: {}, result: [] as string[] };
      const merged = mergeSessions(state, remote, window);
      const missing = Object.values(merged.sessions)
        .filter((s) => s.pulseAnswered && s.pulse === null)
        .map((s) => s.id);
      return {
        write: { ...merged, engagements, auth: { ...state.auth, me }, refreshed: { ...state.refreshed, at: new Date(now).toISOString() } },
        result: missing,
      };
    });
    await fetchPulseValues(creds, missingPulses.slice(0, pulseFetchesPerRefresh));
    await syncPulseAlarms();
  });
}

/** The values of pulses answered elsewhere (the session list only says they are answered). */
async function fetchPulseValues(creds: Credentials, sessionIds: string[]): Promise<void> {
  const found: Array<[string, StoredSession['pulse']]> = [];
  for (const id of sessionIds) {
    try {
      const p = await apiRequest(creds, 'GET', `/v1/sessions/${id}/pulse`, { schema: zPulse, timeoutMs: 5000 });
      found.push([id, { value: p.value, safety: p.safety, applied: p.applied, checkIn: p.checkIn }]);
    } catch (err) {
      if (!(err instanceof ApiError) || err.retryable) break;
    }
  }
  if (found.length === 0) return;
  await update(['sessions'], ({ sessions }) => {
    const next = { ...sessions };
    for (const [id, pulse] of found) {
      const s = next[id];
      if (s && s.pulse === null) next[id] = { ...s, pulse };
    }
    return { write: { sessions: next }, result: null };
  });
}

/**
 * Refreshes when the last refresh is older than `maxAgeMs` (and the last try older than a minute);
 * never throws: offline is normal.
 */
export async function refreshIfStale(maxAgeMs: number): Promise<void> {
  const go = await update(['refreshed', 'auth'], ({ refreshed, auth }) => {
    const now = Date.now();
    const fresh = refreshed.at !== null && now - Date.parse(refreshed.at) < maxAgeMs;
    const triedJustNow = refreshed.attemptedAt !== null && now - Date.parse(refreshed.attemptedAt) < Math.min(maxAgeMs, 60_000);
    if (!auth.accessToken || fresh || triedJustNow) return { write: {}, result: false };
    return { write: { refreshed: { ...refreshed, attemptedAt: new Date(now).toISOString() } }, result: true };
  });
  if (!go) return;
  await refresh().catch((err) => console.info('[dyad] refresh failed', err instanceof Error ? err.message : err));
}
