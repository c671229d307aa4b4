/**
 * Import from an .ics file in the popup, in real Chromium against the real Worker: pick a file,
 * find an event, tag it (a single event and one occurrence of a recurring one), and answer the
 * pulse the popup then asks for. Results are read back from D1 through the API.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Popup } from './extension-ui';
import { ApiGate, ExtensionBrowser, LocalWorker, reportFailures, seedOrg, sessionsWhen, type SessionRecord } from './harness';

let worker: LocalWorker;
let gate: ApiGate;
let browser: ExtensionBrowser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([LocalWorker.start(), ExtensionBrowser.launch()]);
  gate = await ApiGate.start(worker);
});

reportFailures(() => ({ worker, gate }));

afterEach(async () => {
  await browser?.closePages();
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), gate?.close()]);
  await worker?.dispose();
});

const hour = 3600_000;
const day = 24 * hour;
/** `20261116T100000Z`: an iCalendar UTC date-time. */
const icsTime = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * A calendar export as a leader's calendar app writes it: yesterday's mentoring session, a weekly
 * council that started eight weeks ago (12 occurrences), and a lunch. Lines end in CRLF (RFC 5545).
 */
function calendarExport(now: number): string {
  const yesterday = Math.floor(now / day) * day - day;
  const eightWeeksAgo = yesterday - 8 * 7 * day;
  const event = (uid: string, summary: string, start: number, minutes: number, extra: string[] = []) => [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(start + minutes * 60_000)}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
  ];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dyad//e2e//EN',
    ...event('mentoring-ana-ben@e2e.example', 'Mentoring: Ana × Ben', yesterday + 10 * hour, 60),
    ...event('council@e2e.example', 'Advisory council', eightWeeksAgo + 14 * hour, 90, ['RRULE:FREQ=WEEKLY;COUNT=12']),
    ...event('lunch@e2e.example', 'Team lunch', yesterday + 12 * hour, 45),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

it('imports an .ics file and tags events from it', async () => {
  const org = await seedOrg(worker.url, worker.bootstrapToken);
  await browser.signIn(gate.url, org.leader);
  const popup = new Popup(await browser.openExtensionPage('popup.html'));
  const file = { name: 'ben-calendar.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendarExport(Date.now())) };

  await popup.page.locator('[data-dyad="ics-file"]').setInputFiles(file);
  const events = popup.page.locator('[data-dyad="ics-event"]');
  await events.first().waitFor();
  const listed = await events.count();
  await popup.page.locator('[data-dyad="ics-filter"]').fill('mentoring');
  const mentoring = popup.page.locator('[data-dyad="ics-event"]', { hasText: 'Mentoring: Ana × Ben' });
  await popup.page.locator('[data-dyad="ics-engagement"]').selectOption(org.engagement.id);
  await mentoring.locator('[data-dyad="ics-tag"]').click();
  await popup.page.locator('[data-dyad="ics-event"][data-tagged="true"]', { hasText: 'Mentoring: Ana × Ben' }).waitFor();
  const mentoringId = await mentoring.getAttribute('data-event-id');
  // One occurrence of the recurring council, for the other engagement.
  await popup.page.locator('[data-dyad="ics-filter"]').fill('council');
  const council = popup.page.locator('[data-dyad="ics-event"]', { hasText: 'Advisory council' });
  await popup.page.locator('[data-dyad="ics-engagement"]').selectOption(org.otherEngagement.id);
  await council.last().locator('[data-dyad="ics-tag"]').click();
  await popup.page.locator('[data-dyad="ics-event"][data-tagged="true"]', { hasText: 'Advisory council' }).waitFor();
  await popup.waitForWaiting(0);
  // Both sessions are now in the popup's lists (yesterday's under Recent, the council under Next).
  await popup.page.locator('[data-dyad="session-item"]').nth(1).waitFor();
  await browser.screenshot(popup.page, 'popup-ics-import');

  expect(listed).toBe(14); // 1 + 12 occurrences + 1
  expect(await council.count()).toBe(12);
  const councilId = await council.last().getAttribute('data-event-id');
  const [tagged, ...more] = await sessionsWhen(org.leader.api, org.engagement.id, (found) => found.length > 0, 'the mentoring session');
  expect(more).toHaveLength(0);
  expect(tagged!.session).toMatchObject({ source: { provider: 'ics', eventId: mentoringId }, status: 'held' });
  expect(Date.parse(tagged!.session.endsAt) - Date.parse(tagged!.session.startsAt)).toBe(hour);
  const [occurrence, ...others] = await sessionsWhen(
    org.leader.api,
    org.otherEngagement.id,
    (found) => found.length > 0,
    'the council session',
  );
  expect(others).toHaveLength(0);
  expect(occurrence!.session.source).toEqual({ provider: 'ics', eventId: councilId });
  expect(councilId).toContain('council@e2e.example');
});

it('answers the pulse of an imported session in one click from the popup', async () => {
  const org = await seedOrg(worker.url, worker.bootstrapToken);
  await browser.signIn(gate.url, org.leader);
  const popup = new Popup(await browser.openExtensionPage('popup.html'));
  await popup.page
    .locator('[data-dyad="ics-file"]')
    .setInputFiles({ name: 'export.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendarExport(Date.now())) });
  await popup.page.locator('[data-dyad="ics-filter"]').fill('mentoring');
  await popup.page.locator('[data-dyad="ics-engagement"]').selectOption(org.engagement.id);
  await popup.page.locator('[data-dyad="ics-event"]', { hasText: 'Mentoring: Ana × Ben' }).locator('[data-dyad="ics-tag"]').click();
  const [{ session }] = (await sessionsWhen(org.leader.api, org.engagement.id, (found) => found.length > 0, 'the imported session')) as [
    SessionRecord,
  ];

  const pending = popup.page.locator(`[data-dyad="pending-pulse"][data-session-id="${session.id}"]`);
  await pending.locator('[data-dyad="pulse-3"]').click();
  await pending.waitFor({ state: 'detached' });

  const [answered, ...more] = await sessionsWhen(org.leader.api, org.engagement.id, (found) => found[0]?.pulse != null, 'the pulse answer');
  expect(more).toHaveLength(0);
  expect(answered!.pulse).toMatchObject({ value: 3, safety: null, applied: null, checkIn: false });
});

it('asks how long a meeting without an end lasted, offering the engagement’s usual length, and counts what it could not read', async () => {
  const org = await seedOrg(worker.url, worker.bootstrapToken);
  await browser.signIn(gate.url, org.leader);
  const now = Date.now();
  const yesterday = Math.floor(now / day) * day - day;
  // RFC 5545 allows DTSTART alone: a date-time event with no length. One event here has no start at all.
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dyad//e2e//EN',
    ...['BEGIN:VEVENT', 'UID:open-ended@e2e.example', `DTSTART:${icsTime(yesterday + 9 * hour)}`, 'SUMMARY:Coffee with Ana', 'END:VEVENT'],
    ...['BEGIN:VEVENT', 'UID:broken@e2e.example', 'SUMMARY:No start', 'END:VEVENT'],
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const popup = new Popup(await browser.openExtensionPage('popup.html'));

  await popup.page
    .locator('[data-dyad="ics-file"]')
    .setInputFiles({ name: 'open.ics', mimeType: 'text/calendar', buffer: Buffer.from(text) });
  await popup.page.locator('[data-dyad="ics-engagement"]').selectOption(org.engagement.id);
  const coffee = popup.page.locator('[data-dyad="ics-event"]', { hasText: 'Coffee with Ana' });
  const length = coffee.locator('[data-dyad="ics-length"] select');
  const offered = await length.inputValue();
  await length.selectOption('30');
  await browser.screenshot(popup.page, 'popup-ics-no-length');
  await coffee.locator('[data-dyad="ics-tag"]').click();
  await popup.page.locator('[data-dyad="ics-event"][data-tagged="true"]', { hasText: 'Coffee with Ana' }).waitFor();

  // The seeded engagement has no held session in the popup's window yet: an hour is offered.
  expect(offered).toBe('60');
  expect(await popup.page.locator('[data-dyad="ics-unreadable"]').textContent()).toContain('1 event could not be read');
  const [tagged, ...more] = await sessionsWhen(org.leader.api, org.engagement.id, (found) => found.length > 0, 'the open-ended meeting');
  expect(more).toHaveLength(0);
  expect([tagged!.session.startsAt, tagged!.session.endsAt]).toEqual([
    new Date(yesterday + 9 * hour).toISOString(),
    new Date(yesterday + 9 * hour + 30 * 60_000).toISOString(),
  ]);
});

it('pages Recent back beyond the dates the extension keeps, to a session tagged on another device 50 days ago', async () => {
  const org = await seedOrg(worker.url, worker.bootstrapToken);
  const start = Math.floor(Date.now() / day) * day - 50 * day + 10 * hour;
  await org.leader.api.put(`/v1/sessions/${crypto.randomUUID()}`, {
    engagementId: org.engagement.id,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + hour).toISOString(),
    source: { provider: 'google', eventId: 'tagged-on-the-laptop' },
    clientUpdatedAt: new Date().toISOString(),
  });
  await browser.signIn(gate.url, org.leader);
  const popup = new Popup(await browser.openExtensionPage('popup.html'));
  const recent = popup.page.locator('section.sessions', { hasText: 'Recent' });
  await recent.getByText('No tagged session in the last 30 days.').waitFor();

  await popup.page.locator('[data-dyad="recent-earlier"]').click();

  await recent.locator('[data-dyad="session-item"]').first().waitFor();
  expect(await recent.locator('[data-dyad="session-item"]').count()).toBe(1);
  expect(await popup.page.locator('[data-dyad="recent-earlier"]').textContent()).toContain('60 days');
});
