/**
 * Selector health in the background: the counts calendar tabs hand over (hosts/selector-counts.ts),
 * kept per UTC day in storage; what the options page shows of them; and, when the organisation
 * opted in, the anonymous report sent at most once a day (POST /v1/extension-health).
 */
import { browser, storage } from '#imports';
import { daysBefore, healthLimits, hostOfSelector, utcDay } from '../../shared/rules';
import type { HealthRow } from '../../shared/extension-health';
import { google } from '../hosts/google-calendar/selectors';
import { outlook } from '../hosts/outlook/selectors';
import { hostHealth } from './selector-health-lines';
import { ApiError, apiRequest } from './api';
import { credentialsOf } from './credentials';
import { withLock } from './lock';
import { read } from './storage';

export type { HealthLog } from './selector-health-lines';
import type { HealthLog } from './selector-health-lines';

export const healthLog = storage.defineItem<HealthLog>('local:selectorHealth', {
  fallback: { days: {}, sentThrough: null },
  version: 1,
  migrations: {},
});

/** Every selector the hosts declare, by name: counts for anything else are not ours and are dropped. */
const declared: Record<string, number> = Object.fromEntries(
  [...Object.values(google), ...Object.values(outlook)].map((s) => [s.name, s.variants.length]),
);

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= healthLimits.count;

/**
 * Adds a tab's counts to a log (pure): only declared selectors and their variants, only whole
 * non-negative counts (the message comes from a content script); days past the kept window go.
 */
export function mergeCounts(log: HealthLog, counts: unknown, today: string): HealthLog {
  const days = structuredClone(log.days);
  days[today] ??= {};
  const day = days[today]!;
  if (typeof counts === 'object' && counts !== null) {
    for (const [name, tally] of Object.entries(counts as Record<string, { hits?: unknown; misses?: unknown }>)) {
      const variants = declared[name];
      if (variants === undefined || !Array.isArray(tally?.hits) || !isCount(tally.misses)) continue;
      day[name] ??= { hits: [], misses: 0 };
      const kept = day[name]!;
      tally.hits.slice(0, variants).forEach((n, i) => {
        if (!isCount(n)) return;
        while (kept.hits.length <= i) kept.hits.push(0);
        kept.hits[i]! += n;
      });
      kept.misses += tally.misses;
    }
  }
  if (Object.keys(day).length === 0) delete days[today];
  const oldest = daysBefore(today, healthLimits.reportDays - 1);
  for (const d of Object.keys(days)) if (d < oldest) delete days[d];
  return { ...log, days };
}

export async function recordCounts(counts: unknown, now = Date.now()): Promise<void> {
  await withLock('dyad-health', async () => healthLog.setValue(mergeCounts(await healthLog.getValue(), counts, utcDay(now))));
}

export const healthState = async () => hostHealth(await healthLog.getValue());

/**
 * The report of the whole days not yet sent (pure): counts only — host, version, selector,
 * variant, hits, misses, day — the newest days first when there are more rows than one report holds.
 */
export function reportRows(log: HealthLog, version: string, today: string): HealthRow[] {
  const rows: HealthRow[] = [];
  const days = Object.keys(log.days)
    .filter((d) => d < today && (!log.sentThrough || d > log.sentThrough))
    .sort()
    .reverse();
  for (const day of days) {
    for (const [selector, tally] of Object.entries(log.days[day]!)) {
      const host = hostOfSelector(selector);
      if (!host) continue;
      tally.hits.forEach((hits, variant) => {
        if (hits > 0) rows.push({ host, version, selector, variant, hits, misses: 0, day });
      });
      if (tally.misses > 0) rows.push({ host, version, selector, variant: null, hits: 0, misses: tally.misses, day });
    }
  }
  return rows.slice(0, healthLimits.reportRows);
}

const accepted = { safeParse: (input: unknown) => ({ success: true as const, data: input }) };

export type HealthSendOutcome = 'off' | 'not due' | 'sent' | 'nothing to send' | 'failed';

/**
 * Sends yesterday's and earlier unsent counts, at most once a day, and only while the signed-in
 * organisation has opted in (`me.org.extensionHealthReports`). A refusal that would repeat (403:
 * the organisation opted out meanwhile; 400) gives those days up; the network or 429 leaves them
 * for the next try.
 */
export async function sendHealthReportIfDue(now = Date.now()): Promise<HealthSendOutcome> {
  return withLock('dyad-health', async () => {
    const { auth } = await read('auth');
    const creds = credentialsOf(auth);
    if (!creds || auth.me?.org.extensionHealthReports !== true) return 'off';
    const today = utcDay(now);
    const yesterday = daysBefore(today, 1);
    const log = await healthLog.getValue();
    if (log.sentThrough && log.sentThrough >= yesterday) return 'not due';
    const rows = reportRows(log, browser.runtime.getManifest().version, today);
    const done = () => healthLog.setValue({ ...log, sentThrough: yesterday });
    if (rows.length === 0) {
      await done();
      return 'nothing to send';
    }
    try {
      await apiRequest(creds, 'POST', '/v1/extension-health', { schema: accepted, body: { rows } });
    } catch (err) {
      if (err instanceof ApiError && !err.retryable) await done();
      else console.warn('[dyad] health report not sent; trying again later', err);
      return 'failed';
    }
    await done();
    return 'sent';
  });
}
