/**
 * The leader's everyday flows in real Chromium against the real Worker: sign in, tag an event on
 * Google Calendar and on Outlook, write a note, answer the pulse in one click, and tag an event
 * that is already a session. Every result is read back from D1 through the API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCalendar, openEventChip, Popup } from './extension-ui';
import {
  ApiGate,
  ExtensionBrowser,
  LocalWorker,
  reportFailures,
  seedOrg,
  serveCalendarPages,
  sessionsOf,
  sessionsWhen,
  type CalendarPages,
  type SeededOrg,
} from './harness';

let worker: LocalWorker;
let gate: ApiGate;
let pages: CalendarPages;
let browser: ExtensionBrowser;

beforeAll(async () => {
  [worker, pages, browser] = await Promise.all([LocalWorker.start(), serveCalendarPages(), ExtensionBrowser.launch()]);
  gate = await ApiGate.start(worker);
});

reportFailures(() => ({ worker, gate }));

afterEach(async () => {
  await browser?.closePages();
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), gate?.close(), pages?.close()]);
  await worker?.dispose();
});

/** A fresh organisation, its leader signed in to the extension. */
async function signedInLeader(): Promise<SeededOrg> {
  const org = await seedOrg(worker.url, worker.bootstrapToken);
  await browser.signIn(gate.url, org.leader.token);
  return org;
}

/** The leader's sessions of the fixture event's engagement, once `count` of them reached D1. */
function syncedSessions(org: SeededOrg, count: number) {
  return sessionsWhen(org.leader.api, org.engagement.id, (found) => found.length >= count, `${count} session(s)`);
}

describe('sign in', () => {
  it('signs in on the options page with the token a coordinator issued', async () => {
    const org = await seedOrg(worker.url, worker.bootstrapToken);
    const options = await browser.signedOutOptions();

    await options.locator('[data-dyad="signin-url"]').fill(gate.url);
    await options.locator('[data-dyad="signin-token"]').fill('dyad_not-a-real-token');
    await options.locator('[data-dyad="signin-submit"]').click();
    const error = options.locator('[data-dyad="signin-error"]');
    await error.waitFor();
    await options.locator('[data-dyad="signin-token"]').fill(org.leader.token);
    await options.locator('[data-dyad="signin-submit"]').click();
    await options.locator('[data-dyad="signed-in-as"]').waitFor();

    expect(await error.count()).toBe(0);
    expect(await options.locator('[data-dyad="signed-in-as"]').textContent()).toContain('Ben Okafor');
    expect(await options.locator('[data-dyad="signed-in-role"]').getAttribute('data-role')).toBe('participant');
    const popup = await browser.openExtensionPage('popup.html');
    await popup.locator('[data-dyad="popup-signed-in-as"]').waitFor();
    expect(await popup.locator('[data-dyad="popup-signed-in-as"]').textContent()).toContain('Ben Okafor');
    expect(await new Popup(popup).waiting()).toBe(0);
  });

  it('shows a signed-out panel on a calendar until the leader signs in', async () => {
    const org = await seedOrg(worker.url, worker.bootstrapToken);
    await browser.signedOutOptions();

    const calendar = await browser.open('about:blank');
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'signed-out');
    const hint = await panel.element.locator('.panel').textContent();
    await browser.signIn(gate.url, org.leader.token);
    await openCalendar(calendar, pages.url('google-calendar'), 'untagged');

    expect(hint).toContain('Sign in to Dyad');
  });
});

describe('tag an event', () => {
  it('tags an event on Google Calendar', async () => {
    const org = await signedInLeader();
    const calendar = await browser.open('about:blank');

    const panel = await openCalendar(calendar, pages.url('google-calendar', 'localhost'), 'untagged');
    // Ana is a guest of the event: her engagement is chosen, so tagging is one click.
    expect(await panel.action('engagement').inputValue()).toBe(org.engagement.id);
    await browser.screenshot(panel.element, 'google-calendar-panel-untagged');
    await panel.action('tag').click();
    await panel.waitFor('tagged');
    const badge = openEventChip(calendar, 'google-calendar').locator('[data-dyad="badge"]');
    await badge.waitFor();

    const [only, ...others] = await syncedSessions(org, 1);
    expect(others).toHaveLength(0);
    expect(only!.session).toMatchObject({
      engagementId: org.engagement.id,
      source: { provider: 'google', eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j' },
      startsAt: pages.openEvent.startsAt,
      endsAt: pages.openEvent.endsAt,
      status: 'held',
    });
    expect(await calendar.locator('[data-dyad="badge"]').count()).toBe(1);
    await browser.screenshot(panel.element, 'google-calendar-panel');
    await browser.screenshot(calendar, 'google-calendar-page');
  });

  it('tags an event on Outlook', async () => {
    const org = await signedInLeader();
    const calendar = await browser.open('about:blank');

    const panel = await openCalendar(calendar, pages.url('outlook'), 'untagged');
    expect(await panel.action('engagement').inputValue()).toBe(org.engagement.id);
    await panel.action('tag').click();
    await panel.waitFor('tagged');
    const chip = openEventChip(calendar, 'outlook');
    await chip.locator('[data-dyad="badge"]').waitFor();

    const [only, ...others] = await syncedSessions(org, 1);
    expect(others).toHaveLength(0);
    expect(only!.session).toMatchObject({
      engagementId: org.engagement.id,
      source: { provider: 'outlook', eventId: await chip.getAttribute('data-calitemid') },
      startsAt: pages.openEvent.startsAt,
      endsAt: pages.openEvent.endsAt,
      status: 'held',
    });
    expect(await calendar.locator('[data-dyad="badge"]').count()).toBe(1);
    await browser.screenshot(panel.element, 'outlook-panel');
    await browser.screenshot(calendar, 'outlook-page');
  });
});

describe('notes and pulse', () => {
  it('writes a note, shares it and adds an action item', async () => {
    const org = await signedInLeader();
    const calendar = await browser.open('about:blank');
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
    await panel.action('tag').click();
    await panel.waitFor('tagged');

    await panel.writeNote('Ana showed me how her team picks tools.', /^Saved$/);
    await panel.action('note-visibility').check();
    await panel.action('action-item-text').fill('Try the tool Ana uses');
    await panel.action('action-item-add').click();
    await panel.waitForNoteStatus(/^Saved$/);

    const [only] = await sessionsWhen(
      org.leader.api,
      org.engagement.id,
      (found) => (found[0]?.notes[0]?.actionItems.length ?? 0) > 0,
      'the note and its action item',
    );
    expect(only!.notes).toHaveLength(1);
    expect(only!.notes[0]).toMatchObject({
      authorId: org.leader.participant.id,
      body: 'Ana showed me how her team picks tools.',
      visibility: 'shared',
      actionItems: [{ text: 'Try the tool Ana uses', done: false }],
    });
    // Shared: Ana, the other member, reads it too.
    const [asMentor] = await sessionsOf(org.mentor.api, org.engagement.id);
    expect(asMentor!.notes.map((note) => note.body)).toEqual(['Ana showed me how her team picks tools.']);

    // Reopened, the panel shows the note as saved.
    const reopened = await openCalendar(calendar, pages.url('google-calendar'), 'tagged');
    await reopened.action('note').and(calendar.locator(':enabled')).waitFor();
    expect(await reopened.action('note').inputValue()).toBe('Ana showed me how her team picks tools.');
  });

  it('answers the pulse in one click', async () => {
    const org = await signedInLeader();
    const calendar = await browser.open('about:blank');
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
    await panel.action('tag').click();
    await panel.waitFor('tagged');

    await panel.action('pulse-4').click();
    await panel.waitFor('answered');

    const [only] = await sessionsWhen(org.leader.api, org.engagement.id, (found) => found[0]?.pulse != null, 'the pulse answer');
    expect(only!.pulse).toMatchObject({ value: 4, safety: null, applied: null, checkIn: false });
    await browser.screenshot(panel.element, 'google-calendar-panel-answered');

    // The optional questions refine the same answer.
    await panel.action('safety-5').click();
    const [refined] = await sessionsWhen(
      org.leader.api,
      org.engagement.id,
      (found) => found[0]?.pulse?.safety === 5,
      'the refined pulse answer',
    );
    expect(refined!.pulse).toMatchObject({ value: 4, safety: 5, applied: null, checkIn: false });
    expect(await sessionsOf(org.leader.api, org.engagement.id)).toHaveLength(1);
  });
});

describe('one session per event', () => {
  it('tags the same event twice and gets one session', async () => {
    const org = await seedOrg(worker.url, worker.bootstrapToken);
    // Ana, the mentor, signs in here; Ben has the same meeting in his own calendar.
    await browser.signIn(gate.url, org.mentor.token);
    const calendar = await browser.open('about:blank');
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
    // Meanwhile Ben tags it from his browser (the API, as his extension would).
    const bens = crypto.randomUUID();
    await org.leader.api.put(`/v1/sessions/${bens}`, {
      engagementId: org.engagement.id,
      startsAt: pages.openEvent.startsAt,
      endsAt: pages.openEvent.endsAt,
      source: { provider: 'google', eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j' },
      clientUpdatedAt: new Date().toISOString(),
    });

    // Ana tags it too, and writes a note straight away.
    const since = gate.requests.length;
    expect(await panel.action('engagement').inputValue()).toBe(org.engagement.id);
    await panel.action('tag').click();
    await panel.waitFor('tagged');
    await panel.writeNote('Ben asked about our release process.', /^Saved/);
    // Reopened, the event is a session: there is no second "Tag" to click.
    const reopened = await openCalendar(calendar, pages.url('google-calendar'), 'tagged');

    const sessions = await sessionsWhen(org.mentor.api, org.engagement.id, (found) => (found[0]?.notes.length ?? 0) > 0, "Ana's note");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.session.id).toBe(bens);
    // Ana's tag did reach the Worker, under the id her extension made…
    const tags = gate.deliveredOps(since).filter((op) => op.kind === 'session');
    expect(tags).toHaveLength(1);
    expect(tags[0]!.sessionId).not.toBe(bens);
    // …and her extension adopted Ben's session in its place.
    const extensionPage = await browser.openExtensionPage('popup.html');
    const local = await browser.send(extensionPage, 'session.forEvent', { provider: 'google', eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j' });
    expect(local?.id).toBe(bens);
    expect(sessions[0]!.notes.map((note) => [note.authorId, note.body])).toEqual([
      [org.mentor.participant.id, 'Ben asked about our release process.'],
    ]);
    expect(await sessionsOf(org.leader.api, org.engagement.id)).toHaveLength(1);
    expect(await reopened.action('tag').count()).toBe(0);
  });
});
