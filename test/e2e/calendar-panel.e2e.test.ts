/**
 * The leader's everyday flows in real Chromium against the real Worker: sign in, tag an event on
 * Google Calendar and on Outlook, write a note, answer the pulse in one click, and tag an event
 * that is already a session. Every result is read back from D1 through the API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedInvitation, Org } from '../../shared';
import { openCalendar, openEventChip, Popup } from './extension-ui';
import {
  apiClient,
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
  [worker, browser] = await Promise.all([LocalWorker.start(), ExtensionBrowser.launch()]);
  pages = await serveCalendarPages(browser.context);
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
  await browser.signIn(gate.url, org.leader);
  return org;
}

/** The leader's sessions of the fixture event's engagement, once `count` of them reached D1. */
function syncedSessions(org: SeededOrg, count: number) {
  return sessionsWhen(org.leader.api, org.engagement.id, (found) => found.length >= count, `${count} session(s)`);
}

describe('sign in', () => {
  it('signs in on the options page with the invitation link the person was sent, refusing a code that is not one', async () => {
    // Its own organisation, straight from the operator: its first admin's invitation is the link to paste.
    const operator = apiClient(worker.url, worker.bootstrapToken);
    const { org, adminInvitation } = await operator.post<{ org: Org; adminInvitation: IssuedInvitation }>('/v1/orgs', {
      name: `E2E ${crypto.randomUUID().slice(0, 8)}`,
      admin: { displayName: 'Ada Admin', email: 'ada.admin@example.com' },
    });
    const options = await browser.signedOutOptions();

    await options
      .locator('[data-dyad="invitation-input"]')
      .fill(`${new URL(adminInvitation.link).origin}/console/#invite=dyad_inv_not-a-real-code`);
    await options.locator('[data-dyad="invitation-redeem"]').click();
    const error = options.locator('[data-dyad="invitation-error"]');
    await error.waitFor();
    await options.locator('[data-dyad="invitation-input"]').fill(adminInvitation.link);
    await options.locator('[data-dyad="invitation-redeem"]').click();
    await options.locator('[data-dyad="signed-in-as"]').waitFor();

    expect(await error.count()).toBe(0);
    expect(await options.locator('[data-dyad="signed-in-as"]').textContent()).toContain('Ada Admin');
    expect(await options.locator('[data-dyad="signed-in-role"]').getAttribute('data-role')).toBe('admin');
    await options.locator('[data-dyad="credential"][data-current="true"]').waitFor();
    const popup = await browser.openExtensionPage('popup.html');
    await popup.locator('[data-dyad="popup-signed-in-as"]').waitFor();
    expect(await popup.locator('[data-dyad="popup-signed-in-as"]').textContent()).toContain('Ada Admin');
    // Staff run the programme from the Worker's console.
    const apiOrigin = new URL(adminInvitation.link).origin;
    expect(await popup.locator('[data-dyad="dashboard-link"]').getAttribute('href')).toBe(`${apiOrigin}/console/?org=${org.slug}`);
  });

  it('shows a signed-out panel on a calendar until the leader signs in', async () => {
    const org = await seedOrg(worker.url, worker.bootstrapToken);
    await browser.signedOutOptions();

    const calendar = await browser.open('about:blank');
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'signed-out');
    const hint = await panel.text();
    await browser.signIn(gate.url, org.leader);
    await openCalendar(calendar, pages.url('google-calendar'), 'untagged');

    expect(hint).toContain('Sign in to Dyad');
  });
});

describe('tag an event', () => {
  it('tags an event on Google Calendar', async () => {
    const org = await signedInLeader();
    const calendar = await browser.open('about:blank');

    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
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
    await panel.action('action-item-text').type('Try the tool Ana uses');
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
    await reopened.action('note').waitUntilEnabled();
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
    await browser.signIn(gate.url, org.mentor);
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

/**
 * What a script running on the calendar page (its main world) can do to the panel. The panel's
 * shadow root is closed, so the page only ever holds the host element. Beyond the DOM, a page
 * still sees what any page sees of input into its own document — key events reach its capture
 * listeners on `window` and `document.execCommand` acts on whatever has focus — which no shadow
 * root, open or closed, can stop; only a panel in an extension frame would.
 */
describe('a script on the calendar page', () => {
  /** The page's own spying, installed before any of its scripts run: it patches `attachShadow` and listens to every input event. */
  function installPageSpy() {
    const spy = { roots: [] as ShadowRoot[], paths: [] as EventTarget[][], messages: [] as string[] };
    (window as unknown as { pageSpy: typeof spy }).pageSpy = spy;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, { ...init, mode: 'open' });
      spy.roots.push(root);
      return root;
    };
    for (const type of ['click', 'pointerdown', 'mousedown', 'keydown', 'keyup', 'beforeinput', 'input', 'change', 'focusin']) {
      window.addEventListener(type, (event) => spy.paths.push(event.composedPath()), true);
    }
    window.addEventListener('message', (event) => spy.messages.push(JSON.stringify(event.data) ?? ''), true);
  }

  it('finds the panel host but cannot reach into it: no shadow root, no node, no note text', async () => {
    await signedInLeader();
    const calendar = await browser.open('about:blank');
    await calendar.addInitScript(installPageSpy);
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
    await panel.action('tag').click();
    await panel.waitFor('tagged');
    const note = 'Ben wants to move into product; not ready to tell his manager.';
    await panel.writeNote(note, /^Saved$/);

    const seen = await calendar.evaluate((secret) => {
      const spy = (window as unknown as { pageSpy: { roots: ShadowRoot[]; paths: EventTarget[][]; messages: string[] } }).pageSpy;
      const host = document.querySelector('[data-dyad="panel"]')!;
      const inside = (target: EventTarget) => target instanceof Node && target !== host && !target.contains(host);
      const pointingIn = Object.getOwnPropertyNames(window).filter((name) => {
        if (name === 'pageSpy') return false;
        try {
          const value = (window as unknown as Record<string, unknown>)[name];
          return value === host || value instanceof ShadowRoot;
        } catch {
          return false;
        }
      });
      const texts = [
        document.documentElement.outerHTML,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, laid out as the leader sees it, is a way in of its own
        document.body.innerText,
        document.documentElement.getHTML({ serializableShadowRoots: true }),
        JSON.stringify({ ...localStorage }),
        JSON.stringify({ ...sessionStorage }),
        ...spy.messages,
      ];
      return {
        host: host.localName,
        shadowRoot: host.shadowRoot,
        ownProperties: [...Object.getOwnPropertyNames(host), ...Object.getOwnPropertySymbols(host).map(String)],
        rootsCaughtByPatch: spy.roots.filter((root) => root.host === host).length,
        pointingIn,
        eventsThroughPanel: spy.paths.filter((path) => path.includes(host)).length,
        nodesInsideSeen: spy.paths.flat().filter(inside).length,
        noteInPage: texts.some((text) => text.includes(secret)),
        focused: document.activeElement?.localName,
      };
    }, note);

    expect(seen).toEqual({
      host: 'dyad-panel',
      shadowRoot: null,
      ownProperties: [],
      rootsCaughtByPatch: 0,
      pointingIn: [],
      eventsThroughPanel: expect.any(Number),
      nodesInsideSeen: 0,
      noteInPage: false,
      // The note has focus, and all the page learns is that it is somewhere in the panel.
      focused: 'dyad-panel',
    });
    // The clicks and keys did pass through the host, retargeted: the listeners ran, and saw no node inside.
    expect(seen.eventsThroughPanel).toBeGreaterThan(note.length);
    // Playwright's own locators run as scripts in the page: they find nothing in the panel either.
    expect(await calendar.locator('[data-dyad-action="note"]').count()).toBe(0);
    expect(await (await panel.shadow).mode()).toBe('closed');
  });

  it("writes nothing for a script's clicks, input and key presses, while the leader's own still tag, answer and save", async () => {
    const org = await signedInLeader();
    const calendar = await browser.open('about:blank');
    const panel = await openCalendar(calendar, pages.url('google-calendar'), 'untagged');
    const shadow = await panel.shadow;
    const since = gate.requests.length;

    // All the page can aim at is the host: every point of it is the host to the page, and a click or
    // key there never reaches a control inside.
    const hit = await calendar.evaluate(() => {
      const host = document.querySelector<HTMLElement>('[data-dyad="panel"]')!;
      const box = host.getBoundingClientRect();
      const found = new Set<string>();
      const init = { bubbles: true, cancelable: true, composed: true };
      for (let x = box.left + 4; x < box.right; x += 16) {
        for (let y = box.top + 4; y < box.bottom; y += 8) {
          const there = document.elementFromPoint(x, y) as HTMLElement | null;
          if (!there || !host.contains(there)) continue;
          found.add(there.localName);
          there.click();
          there.dispatchEvent(new MouseEvent('click', { ...init, clientX: x, clientY: y }));
        }
      }
      for (const key of ['Enter', ' ']) host.dispatchEvent(new KeyboardEvent('keydown', { ...init, key }));
      host.dispatchEvent(new InputEvent('input', { ...init, data: 'x', inputType: 'insertText' }));
      return [...found];
    });
    // Were a script ever to hold the panel's nodes (DevTools hands them over here), its events still do nothing.
    await shadow.onElement('[data-dyad-action="tag"]', function () {
      this.click();
      this.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    });
    await shadow.onElement('[data-dyad-action="engagement"]', function () {
      (this as HTMLSelectElement).selectedIndex = (this as HTMLSelectElement).options.length - 1;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await shadow.onElement('[data-dyad-action="cycle"]', function () {
      (this as HTMLSelectElement).value = 'talent_review';
      this.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const untouched = {
      state: await panel.state(),
      engagement: await panel.action('engagement').inputValue(),
      cycle: await panel.action('cycle').inputValue(),
    };
    await panel.action('tag').click();
    await panel.waitFor('tagged');

    await shadow.onElement('[data-dyad-action="pulse-1"]', function () {
      this.click();
    });
    await shadow.onElement('[data-dyad-action="pulse-2"]', function () {
      this.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    });
    await shadow.onElement('[data-dyad-action="cycle"]', function () {
      (this as HTMLSelectElement).value = 'market_review';
      this.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const pulseStillAsked = { state: await panel.state(), pulse4: await panel.action('pulse-4').count() };
    await panel.action('pulse-4').click();
    await panel.waitFor('answered');

    for (const followUp of ['safety-1', 'applied-1', 'check-in']) {
      await shadow.onElement(`[data-dyad-action="${followUp}"]`, function () {
        this.click();
      });
    }
    await panel.writeNote('Mine', /^Saved$/);
    await shadow.onElement('[data-dyad-action="note"]', function () {
      (this as HTMLTextAreaElement).value = 'Injected by the page';
      this.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'x', inputType: 'insertText' }));
    });
    await shadow.onElement('[data-dyad-action="note-visibility"]', function () {
      this.click(); // Chromium ticks the box and fires a *trusted* change for this untrusted click
    });
    await shadow.onElement('[data-dyad-action="action-item-text"]', function () {
      (this as HTMLInputElement).value = 'Injected item';
      this.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'm', inputType: 'insertText' }));
      this.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, key: 'Enter' }));
    });
    const afterScript = {
      note: await panel.action('note').inputValue(),
      shared: await panel.action('note-visibility').checked(),
      item: await panel.action('action-item-text').inputValue(),
      items: await panel.action('action-item').count(),
      checkIn: await shadow.evaluate((root) => root.querySelector('[data-dyad-action="check-in"]')?.getAttribute('aria-pressed'), null),
    };
    await panel.writeNote(' and more', /^Saved$/);
    const [only, ...others] = await sessionsWhen(
      org.leader.api,
      org.engagement.id,
      (found) => found[0]?.pulse != null && found[0].notes[0]?.body === 'Mine and more',
      'the pulse and the note',
    );
    const popup = new Popup(await browser.openExtensionPage('popup.html'));

    expect(hit).toEqual(['dyad-panel']);
    expect(untouched).toEqual({ state: 'untagged', engagement: org.engagement.id, cycle: '' });
    expect(pulseStillAsked).toEqual({ state: 'tagged', pulse4: 1 });
    expect(afterScript).toEqual({ note: 'Mine', shared: false, item: '', items: 0, checkIn: 'false' });
    expect(others).toHaveLength(0);
    expect(only!.session).toMatchObject({ engagementId: org.engagement.id, cycle: null });
    expect(only!.pulse).toMatchObject({ value: 4, safety: null, applied: null, checkIn: false });
    expect(only!.notes.map(({ body, visibility, actionItems }) => ({ body, visibility, actionItems }))).toEqual([
      { body: 'Mine and more', visibility: 'private', actionItems: [] },
    ]);
    // Nothing the script did ever left the browser: every write the Worker accepted is the leader's.
    const delivered = gate.deliveredOps(since);
    expect(delivered.filter((op) => op.kind === 'session')).toHaveLength(1);
    expect(delivered.flatMap((op) => (op.kind === 'pulse' ? [op.body] : []))).toEqual([
      expect.objectContaining({ value: 4, safety: null, applied: null, checkIn: false }),
    ]);
    expect(
      delivered.flatMap((op) => (op.kind === 'note' ? [op.body.visibility] : [])).every((visibility) => visibility === 'private'),
    ).toBe(true);
    expect(JSON.stringify(delivered)).not.toContain('Injected');
    expect(await popup.waiting()).toBe(0);
  });
});
