/**
 * Sessions of dates the regular refresh does not keep (it follows 45 days back and 60 ahead):
 * a leader paging the calendar back to last spring, or opening an old event in a fresh profile,
 * still sees which events are tagged. The range is fetched from the API once per few minutes and
 * merged like a refresh (queued local writes win).
 */
import { zSessionList } from '../../shared';
import { dayMs } from '../../shared/rules/days';
import { apiRequest } from './api';
import { credentialsOf, sameSignIn } from './credentials';
import { withLock } from './lock';
import { mergeSessions, refreshWindow } from './refresh';
import { read, update } from './storage';

/** A grid shows at most about six weeks; a longer range is cut to this many days from its end. */
export const maxRangeDays = 400;
/** A range fetched this recently is not fetched again. */
const freshForMs = 5 * 60_000;
const fetchedAt = new Map<string, number>();

/** Whether the regular refresh already keeps every session of `range` in step. */
export function withinRefreshWindow(range: { from: string; to: string }, now = Date.now()): boolean {
  const from = new Date(now - refreshWindow.pastDays * dayMs).toISOString();
  const to = new Date(now + refreshWindow.futureDays * dayMs).toISOString();
  return range.from >= from && range.to <= to;
}

/**
 * Makes the local copy hold the API's sessions of `range`. Resolves without fetching when the
 * refresh covers it or it was fetched just now; rejects when the API cannot be reached (the
 * caller then answers from the local copy and says nothing more).
 */
export async function ensureRange(range: { from: string; to: string }, now = Date.now()): Promise<void> {
  if (withinRefreshWindow(range, now)) return;
  const to = range.to;
  const from = new Date(Math.max(Date.parse(range.from), Date.parse(to) - maxRangeDays * dayMs)).toISOString();
  const key = `${from}|${to}`;
  if (now - (fetchedAt.get(key) ?? 0) < freshForMs) return;
  // The flush lock, as a refresh takes it: no write lands between the fetch and the merge.
  await withLock('dyad-flush', async () => {
    const { auth } = await read('auth');
    const creds = credentialsOf(auth);
    if (!creds) return;
    const query = new URLSearchParams({ from, to }).toString();
    const { sessions: remote } = await apiRequest(creds, 'GET', `/v1/sessions?${query}`, { schema: zSessionList, timeoutMs: 15_000 });
    await update(['auth', 'sessions', 'notes', 'queue'], (state) => {
      if (!sameSignIn(auth, state.auth)) return { write: {}, result: null };
      return { write: mergeSessions(state, remote, { from, to }), result: null };
    });
    fetchedAt.set(key, now);
  });
}
