/**
 * The offline queue in real Chromium against the real Worker: writes made while the Worker is down
 * arrive once it is back, exactly once; and a service worker stopped in the middle of a flush (its
 * batch applied, the answer lost) neither loses nor doubles anything. Every count is read back from
 * D1 through the API.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openCalendar, Popup } from './extension-ui';
import {
  ApiGate,
  batchOps,
  ExtensionBrowser,
  LocalWorker,
  reportFailures,
  seedOrg,
  serveCalendarPages,
  sessionList,
  sessionsOf,
  writeKey,
  type CalendarPages,
  type SeededOrg,
} from './harness';

let worker: LocalWorker;
let gate: ApiGate;
let pages: CalendarPages;
let browser: ExtensionBrowser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([LocalWorker.start(), ExtensionBrowser.launch()]);
  pages = await serveCalendarPages(browser.context);
  gate = await ApiGate.start(worker);
});

reportFailures(() => ({ worker, gate }));

afterEach(async () => {
  await browser?.closePages();
  await worker?.resume(); // a failed test may have left it stopped
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), gate?.close(), pages?.close()]);
  await worker?.dispose();
});

async function signedInLeader(): Promise<SeededOrg> {
  const org = await seedOrg(worker.url, worker.bootstrapToken);
  await browser.signIn(gate.url, org.leader);
  return org;
}

/** How many times the Worker accepted each write (by `writeKey`) since the `from`-th request through the gate. */
function deliveries(from: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of gate.deliveredOps(from).map(writeKey)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

it('offline tag, note and pulse arrive exactly once', async () => {
  const org = await signedInLeader();
  const calendar = await browser.open('about:blank');
  const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
  const since = gate.requests.length;

  await worker.stop();
  await panel.action('tag').click();
  await panel.waitFor('tagged');
  await panel.writeNote('Written on the train, no signal.', /^Saved on this device; syncs when online$/);
  await panel.action('pulse-5').click();
  await panel.waitFor('answered');
  const popup = new Popup(await browser.openExtensionPage('popup.html'));
  const waitingOffline = await popup.waiting();
  await popup.page.locator('[data-dyad="sync-error"]').waitFor();
  await browser.screenshot(popup.page, 'popup-offline');

  await worker.resume();
  await popup.retry();
  await popup.waitForWaiting(0);

  expect(waitingOffline).toBe(3);
  const sessions = await sessionsOf(org.leader.api, org.engagement.id);
  expect(sessions).toHaveLength(1);
  const [{ session, notes, pulse }] = sessions as [(typeof sessions)[number]];
  expect(session).toMatchObject({
    source: { provider: 'google', eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j' },
    startsAt: pages.openEvent.startsAt,
  });
  expect(notes.map((note) => [note.authorId, note.body])).toEqual([[org.leader.participant.id, 'Written on the train, no signal.']]);
  expect(pulse).toMatchObject({ value: 5, safety: null, applied: null, checkIn: false });
  // Each write reached the Worker once (the attempts while it was down never did).
  const sent = deliveries(since);
  expect([...sent.values()]).toEqual([1, 1, 1]);
  expect([...sent.keys()].sort()).toEqual([`session ${session.id}`, `note ${session.id}/${notes[0]!.id}`, `pulse ${session.id}`].sort());
  expect(await popup.page.locator('[data-dyad="sync-error"]').count()).toBe(0);
  // The calendar shows what the API has, after a reload.
  const reopened = await openCalendar(calendar, pages.url('google-calendar'), 'answered');
  await reopened.waitForNoteStatus(/^$/);
  expect(await reopened.action('note').inputValue()).toBe('Written on the train, no signal.');
});

it('a service worker killed mid-flush loses and doubles nothing', async () => {
  const org = await signedInLeader();
  const count = 60;
  const hour = 3600_000;
  const extensionPage = await browser.openExtensionPage('popup.html');
  // 60 sessions, each with a note and a pulse, written while the Worker is down: 180 queued writes,
  // which go out in three batches of at most 100 (the sessions first, then their notes and pulses).
  await worker.stop();
  for (let i = 0; i < count; i++) {
    const startsAt = new Date(Date.now() - (i + 2) * hour);
    const session = await browser.send(extensionPage, 'session.tag', {
      provider: 'google',
      eventId: `e2e-kill-${i}`,
      title: `Session ${i}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + hour).toISOString(),
      engagementId: org.engagement.id,
    });
    await browser.send(extensionPage, 'note.save', { sessionId: session.id, body: `Note ${i}`, visibility: 'private', actionItems: [] });
    await browser.send(extensionPage, 'pulse.answer', { sessionId: session.id, value: (i % 5) + 1 });
  }
  const queued = await browser.send(extensionPage, 'sync.state', undefined);
  await extensionPage.close();
  const since = gate.requests.length;
  // The batch with the notes (the second) reaches the Worker and is written, but its answer is held back…
  const held = gate.hold((request) => batchOps(request).some((op) => op.kind === 'note'));
  await worker.resume();

  const trigger = new Popup(await browser.openExtensionPage('popup.html'));
  await trigger.retry();
  await held.answered;
  const midFlush = await sessionList(org.leader.api, org.engagement.id);
  await trigger.page.close();
  // …and the service worker is stopped while it waits for that answer, which never comes.
  await browser.stopServiceWorker();
  held.drop();
  // Opening the popup starts a new worker, which finds the queue where the last one left it.
  const popup = new Popup(await browser.openExtensionPage('popup.html'));
  await popup.waitForWaiting(0);

  expect(queued.waiting).toBe(3 * count);
  // Killed mid-flush: every session and the held batch's pulses were in D1, the last batch's were not.
  expect(midFlush).toHaveLength(count);
  expect(midFlush.filter((session) => session.pulseAnswered).length).toBeGreaterThan(0);
  expect(midFlush.filter((session) => session.pulseAnswered).length).toBeLessThan(count);
  const final = await sessionsOf(org.leader.api, org.engagement.id);
  expect(final).toHaveLength(count);
  const byEvent = new Map(final.map((record) => [record.session.source.eventId, record]));
  for (let i = 0; i < count; i++) {
    const record = byEvent.get(`e2e-kill-${i}`);
    expect(record?.notes.map((note) => note.body)).toEqual([`Note ${i}`]);
    expect(record?.pulse?.value).toBe((i % 5) + 1);
  }
  // The batch whose answer was lost was sent again, and replaying it wrote nothing twice.
  const sent = deliveries(since);
  expect([...sent.values()].filter((times) => times === 2).length).toBeGreaterThan(0);
  expect(sent.size).toBe(3 * count);
  expect(await popup.page.locator('[data-dyad="sync-error"]').count()).toBe(0);
});
