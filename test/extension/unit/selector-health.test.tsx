import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { daysBefore, selectorLabel, utcDay } from '../../../shared/rules';
import { zHealthReport } from '../../../shared';
import { CalendarHealth } from '../../../extension/components/calendar-health';
import { google } from '../../../extension/hosts/google-calendar/selectors';
import { outlook } from '../../../extension/hosts/outlook/selectors';
import { takeCounts } from '../../../extension/hosts/selector-counts';
import { pick, pickAll, pickAllOrWarn, pickOrWarn } from '../../../extension/hosts/selectors';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { handleMessage } from '../../../extension/lib/handlers';
import background from '../../../extension/entrypoints/background';
import { REFRESH_ALARM } from '../../../extension/lib/refresh';
import { healthLog, mergeCounts, sendHealthReportIfDue } from '../../../extension/lib/selector-health';
import { hostHealth } from '../../../extension/lib/selector-health-lines';
import { write } from '../../../extension/lib/storage';
import { me, signedInAs } from './fake-api';

const when = { name: 'outlook.when', variants: ['#new-time', '#old-time'] };
const page = (html: string) => {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
};

beforeEach(() => {
  fakeBrowser.reset();
  takeCounts();
  resetWarnings();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('counting rule', () => {
  it('counts a hit for the variant that found the element, wherever it was looked up', () => {
    const root = page('<span id="old-time">9:00</span>');

    pick(root, when);
    pickOrWarn(root, when);
    pickAll(root, when);

    expect(takeCounts()).toEqual({ 'outlook.when': { hits: [0, 3], misses: 0 } });
  });

  it('counts a miss only where the element is expected (pickOrWarn, pickAllOrWarn), not for pick or pickAll', () => {
    const empty = page('<p>no event open</p>');

    pick(empty, when);
    pickAll(empty, when);
    expect(takeCounts()).toEqual({});

    pickOrWarn(empty, when);
    pickAllOrWarn(empty, when);
    expect(takeCounts()).toEqual({ 'outlook.when': { hits: [], misses: 2 } });
  });
});

describe('storage merge', () => {
  const today = '2026-12-07';

  it('adds a tab’s counts to the day’s, per selector and variant', () => {
    const once = mergeCounts({ days: {}, sentThrough: null }, { 'outlook.when': { hits: [2], misses: 1 } }, today);

    const twice = mergeCounts(once, { 'outlook.when': { hits: [1, 4], misses: 0 }, 'google.title': { hits: [5], misses: 0 } }, today);

    expect(twice.days[today]).toEqual({ 'outlook.when': { hits: [3, 4], misses: 1 }, 'google.title': { hits: [5], misses: 0 } });
  });

  it('drops what is not a declared selector, a variant past its last, and counts that are not whole numbers', () => {
    const log = mergeCounts(
      { days: {}, sentThrough: null },
      {
        'evil.selector': { hits: [1], misses: 0 },
        'outlook.when': { hits: [1, -3, 2.5, 1, 1, 1, 1, 1, 1], misses: 'x' },
        'google.when': { hits: [1, 1, 1], misses: 0 },
      },
      today,
    );

    expect(log.days[today]).toEqual({ 'google.when': { hits: [1], misses: 0 } });
  });

  it('keeps only the last 14 days', () => {
    const old = { days: { [daysBefore(today, 14)]: { 'google.when': { hits: [1], misses: 0 } } }, sentThrough: null };

    const log = mergeCounts(old, { 'google.when': { hits: [1], misses: 0 } }, today);

    expect(Object.keys(log.days)).toEqual([today]);
  });

  it('comes through the background message from the content script to storage', async () => {
    await handleMessage({ dyad: 'health.record', payload: { counts: { 'outlook.title': { hits: [2], misses: 0 } } } }, {});

    expect((await healthLog.getValue()).days[utcDay(Date.now())]).toEqual({ 'outlook.title': { hits: [2], misses: 0 } });
  });

  it('names every selector the hosts declare in people’s words', () => {
    const names = [...Object.values(google), ...Object.values(outlook)].map((s) => s.name);

    expect(names.filter((n) => !selectorLabel[n])).toEqual([]);
  });
});

describe('options page health lines', () => {
  const log = {
    sentThrough: null,
    days: {
      '2026-12-02': { 'outlook.when': { hits: [7], misses: 0 }, 'outlook.title': { hits: [7], misses: 0 } },
      '2026-12-03': { 'outlook.when': { hits: [], misses: 4 }, 'outlook.title': { hits: [3], misses: 1 } },
      '2026-12-05': { 'outlook.when': { hits: [], misses: 2 }, 'outlook.title': { hits: [2], misses: 0 } },
    },
  };

  it('warns for a selector that has only missed since a day, and says when each last matched', () => {
    const [host] = hostHealth(log);

    expect(host?.warnings).toEqual(['Outlook: event time not found since 3 Dec']);
    expect(host?.selectors).toEqual([
      { name: 'outlook.title', label: 'event title', lastMatched: '2026-12-05', notFoundSince: null },
      { name: 'outlook.when', label: 'event time', lastMatched: '2026-12-02', notFoundSince: '2026-12-03' },
    ]);
  });

  it('shows the lines on the options page from what the background answers', async () => {
    await healthLog.setValue(log);
    const answer = await handleMessage({ dyad: 'health.state', payload: undefined }, {});
    const container = document.createElement('div');

    await act(() => render(<CalendarHealth hosts={answer?.ok ? (answer.value as never) : null} />, container));

    expect(container.querySelector('[data-dyad=health-warning]')?.textContent).toBe('Outlook: event time not found since 3 Dec');
    expect(container.querySelector('[data-selector="outlook.title"]')?.textContent).toBe('event title: last matched 5 Dec');
  });
});

describe('the daily report', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  const sent: { path: string; body: unknown }[] = [];
  const counts = {
    sentThrough: null,
    days: {
      '2026-12-06': { 'outlook.when': { hits: [0, 3], misses: 2 } },
      '2026-12-07': { 'outlook.when': { hits: [1], misses: 0 } },
    },
  };
  const signIn = (extensionHealthReports: boolean | undefined) =>
    write({ auth: signedInAs({ ...me, org: { ...me.org, extensionHealthReports } }) });

  beforeEach(async () => {
    sent.length = 0;
    // fakeBrowser has no manifest; the build's comes from package.json.
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Dyad', version: '0.1.0' });
    vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
      sent.push({ path: new URL(input).pathname, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ rows: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    await healthLog.setValue(counts);
  });

  it.each([[false], [undefined]])('sends nothing while the organisation has not opted in (%s)', async (setting) => {
    await signIn(setting);

    const outcome = await sendHealthReportIfDue(now);

    expect(outcome).toBe('off');
    expect(sent).toEqual([]);
  });

  it('sends the whole days not yet sent, once a day, as counts with no content', async () => {
    await signIn(true);

    const first = await sendHealthReportIfDue(now);
    const again = await sendHealthReportIfDue(now + 3600_000);

    expect([first, again]).toEqual(['sent', 'not due']);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('/v1/extension-health');
    const body = sent[0]?.body as { rows: Record<string, unknown>[] };
    expect(zHealthReport.safeParse(body).success).toBe(true);
    expect(body.rows).toEqual([
      { host: 'outlook', version: '0.1.0', selector: 'outlook.when', variant: 1, hits: 3, misses: 0, day: '2026-12-06' },
      { host: 'outlook', version: '0.1.0', selector: 'outlook.when', variant: null, hits: 0, misses: 2, day: '2026-12-06' },
    ]);
    // Nothing of the person or the page: no email, name, ids or titles anywhere in what was sent.
    const text = JSON.stringify(sent);
    for (const secret of [me.participant.email, me.participant.displayName, me.participant.id, me.org.id, 'tok']) {
      expect(text).not.toContain(secret);
    }
    expect((await healthLog.getValue()).sentThrough).toBe('2026-12-06');
  });

  it('goes out from the background’s periodic alarm too, on a day no calendar tab hands over counts', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    try {
      await signIn(true);
      background.main();

      await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: now });

      await vi.waitFor(() => expect(sent.map((s) => s.path)).toContain('/v1/extension-health'));
    } finally {
      vi.useRealTimers();
    }
  });
});
