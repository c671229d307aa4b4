import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Engagement } from '../../../shared';
import { createEventPanel } from '../../../extension/features/event-panel';
import { saveDelayMs } from '../../../extension/features/session-notes';
import type { UserInputCheck } from '../../../extension/features/user-input';
import { googleCalendar } from '../../../extension/hosts/google-calendar';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { watchCalendar } from '../../../extension/hosts/watch';
import type { CalendarEvent } from '../../../extension/hosts/host';
import type { AuthState, Envelope, LocalNote, LocalSession, TagRequest } from '../../../extension/lib/messages';
import { fakeBackground, settle } from '../fake-background';
import { loadFixture, local } from '../fixtures';
import { catchPanelRoot, leaderInput } from '../panel-root';

const ben = { participantId: 'p-ben', role: 'mentee' as const, displayName: 'Ben Okafor', email: 'ben.okafor@example.com' };
const engagement = (id: string, name: string, email: string): Engagement => ({
  id,
  programmeId: 'prog',
  members: [ben, { participantId: `p-${id}`, role: 'mentor', displayName: name, email }],
  startsOn: '2026-01-01',
  endsOn: null,
  status: 'active',
  objectives: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const signedIn = {
  signedIn: true,
  apiUrl: 'http://127.0.0.1:8787',
  me: { participant: { id: 'p-ben', email: 'ben.okafor@example.com', displayName: 'Ben Okafor' }, role: 'participant', org: {} },
} as unknown as AuthState;

/** A background with one leader, two engagements and an in-memory store. */
function background(options: { signedIn?: boolean; session?: Partial<LocalSession> | null } = {}) {
  let session: LocalSession | null = options.session === undefined || options.session === null ? null : sessionFrom(options.session);
  const notes: LocalNote[] = [];
  function sessionFrom(patch: Partial<LocalSession>): LocalSession {
    return {
      id: 'session-1',
      engagementId: 'e-ana',
      startsAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() - 3600_000).toISOString(),
      source: { provider: 'google', eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j' },
      cycle: null,
      status: 'held',
      title: 'Mentoring: Ana × Ben',
      pulse: null,
      pulseAnswered: false,
      pending: true,
      clientUpdatedAt: new Date().toISOString(),
      ...patch,
    };
  }
  const received = fakeBackground({
    'auth.state': () => (options.signedIn === false ? { signedIn: false, apiUrl: null } : signedIn),
    'engagements.list': () => [
      engagement('e-dana', 'Dana Lee', 'dana.lee@example.com'),
      engagement('e-ana', 'Ana Ruiz', 'ana.ruiz@example.com'),
    ],
    'engagements.lastUsed': () => 'e-dana',
    'session.forEvent': () => session,
    'session.tag': (request: TagRequest) =>
      (session = sessionFrom({
        engagementId: request.engagementId,
        startsAt: request.startsAt,
        endsAt: request.endsAt,
        cycle: request.cycle ?? null,
      })),
    'session.setCycle': ({ cycle }) => (session = { ...session!, cycle }),
    'session.setTime': ({ startsAt, endsAt }) => (session = { ...session!, startsAt, endsAt }),
    'pulse.answer': ({ value, safety, applied, checkIn }) =>
      (session = {
        ...session!,
        pulse: { value, safety: safety ?? null, applied: applied ?? null, checkIn: checkIn ?? false },
        pulseAnswered: true,
      }),
    'note.get': () => notes.at(-1) ?? null,
    'note.save': (request) => {
      const note: LocalNote = { id: 'note-1', ...request, pending: false, clientUpdatedAt: new Date().toISOString() };
      notes.push(note);
      return note;
    },
  });
  return { received, notes, sent: (type: Envelope['dyad']) => received.filter((message) => message.dyad === type) };
}

let panelRoot: () => ShadowRoot | null;
const { leader, check: leaderOnly } = leaderInput();
const q = <E extends Element = HTMLElement>(selector: string) => panelRoot()!.querySelector<E>(selector);
const state = () => q('[data-dyad="panel-state"]')?.getAttribute('data-state');
const control = <E extends Element = HTMLElement>(action: string) => q<E>(`[data-dyad-action="${action}"]`)!;
/** The leader clicks a control (a checkbox ticks on the click, as in a browser). */
const click = (action: string) => control(action).dispatchEvent(leader(new MouseEvent('click', { bubbles: true, cancelable: true })));
/** The leader types `value` into a field (one input event for all of it). */
function type(action: string, value: string) {
  const field = control<HTMLInputElement | HTMLTextAreaElement>(action);
  field.value = value;
  field.dispatchEvent(leader(new Event('input', { bubbles: true })));
}
/** The leader picks `value` in a select. */
function choose(action: string, value: string) {
  const select = control<HTMLSelectElement>(action);
  select.value = value;
  select.dispatchEvent(leader(new Event('change', { bubbles: true })));
}

describe('the Dyad panel in an open Google Calendar event', () => {
  let ctx: ContentScriptContext;
  const changes = vi.fn();

  beforeEach(() => {
    fakeBrowser.reset();
    resetWarnings();
    changes.mockReset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadFixture('google-calendar.html');
    ctx = new ContentScriptContext('calendar');
    panelRoot = catchPanelRoot();
  });

  afterEach(() => {
    ctx.abort();
    vi.restoreAllMocks();
  });

  /** Opens the panel; the leader's input is what `leader` plays, any other event is a script's. */
  async function open({ isUserInput = leaderOnly }: { isUserInput?: UserInputCheck } = {}) {
    const panel = await createEventPanel(ctx, { onSessionChange: changes, isUserInput });
    watchCalendar(googleCalendar, document, { openEvent: (event) => (event ? panel.show(event) : panel.hide()) }, ctx.signal);
    await settle();
  }

  it('asks a signed-out leader to sign in', async () => {
    background({ signedIn: false });

    await open();

    await vi.waitFor(() => expect(state()).toBe('signed-out'));
    expect(q('[data-dyad-action="tag"]')).toBeNull();
  });

  it('tags an untagged event in one click, with the guests’ engagement pre-selected', async () => {
    const api = background();
    await open();
    await vi.waitFor(() => expect(state()).toBe('untagged'));
    expect(q<HTMLSelectElement>('[data-dyad-action="engagement"]')!.value).toBe('e-ana');

    click('tag');

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(api.sent('session.tag')[0]?.payload).toEqual({
      provider: 'google',
      eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j',
      title: 'Mentoring: Ana × Ben',
      startsAt: local(2026, 9, 28, 15),
      endsAt: local(2026, 9, 28, 16),
      engagementId: 'e-ana',
      cycle: null,
    });
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('tags with a business cycle picked in the same form', async () => {
    const api = background();
    await open();
    await vi.waitFor(() => expect(state()).toBe('untagged'));

    choose('cycle', 'talent_review');
    await settle();
    click('tag');

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect((api.sent('session.tag')[0]?.payload as TagRequest | undefined)?.cycle).toBe('talent_review');
  });

  it('takes a one-click pulse once the session has ended, then optional follow-ups, and stops asking', async () => {
    const api = background({ session: {} });
    await open();
    await vi.waitFor(() => expect(state()).toBe('tagged'));

    click('pulse-4');

    await vi.waitFor(() => expect(state()).toBe('answered'));
    expect(api.sent('pulse.answer')[0]?.payload).toEqual({ sessionId: 'session-1', value: 4, safety: null, applied: null, checkIn: false });
    expect(q('[data-dyad-action="pulse-1"]')).toBeNull();

    click('safety-5');
    await vi.waitFor(() => expect(api.sent('pulse.answer')).toHaveLength(2));
    click('check-in');
    await vi.waitFor(() => expect(api.sent('pulse.answer')).toHaveLength(3));
    expect(api.sent('pulse.answer')[2]?.payload).toEqual({ sessionId: 'session-1', value: 4, safety: 5, applied: null, checkIn: true });
  });

  it('does not ask again for an answered session', async () => {
    background({ session: { pulse: { value: 3, safety: null, applied: null, checkIn: false }, pulseAnswered: true } });

    await open();

    await vi.waitFor(() => expect(state()).toBe('answered'));
    expect(q('[data-dyad-action="pulse-1"]')).toBeNull();
    expect(q('[data-dyad-action="safety-1"]')).toBeNull();
  });

  it('does not ask for a pulse answered on another device (values not fetched here yet)', async () => {
    background({ session: { pulse: null, pulseAnswered: true } });

    await open();

    await vi.waitFor(() => expect(state()).toBe('answered'));
    expect(q('[data-dyad-action="pulse-1"]')).toBeNull();
  });

  it('does not ask before the session has ended', async () => {
    background({ session: { endsAt: new Date(Date.now() + 3600_000).toISOString() } });

    await open();

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(q('[data-dyad-action="pulse-1"]')).toBeNull();
  });

  it('saves notes as the leader types, once per pause, private unless shared', async () => {
    const api = background({ session: {} });
    await open();
    await vi.waitFor(() => expect(q<HTMLTextAreaElement>('[data-dyad-action="note"]')?.disabled).toBe(false));

    type('note', 'Talked about');
    type('note', 'Talked about the board');
    await new Promise((resolve) => setTimeout(resolve, saveDelayMs + 100));

    expect(api.sent('note.save').map((message) => message.payload)).toEqual([
      { sessionId: 'session-1', body: 'Talked about the board', visibility: 'private', actionItems: [] },
    ]);

    click('note-visibility');
    type('action-item-text', 'Send the deck');
    await settle();
    click('action-item-add');
    await new Promise((resolve) => setTimeout(resolve, saveDelayMs + 100));

    expect(api.sent('note.save').at(-1)?.payload).toEqual({
      sessionId: 'session-1',
      body: 'Talked about the board',
      visibility: 'shared',
      actionItems: [{ text: 'Send the deck', done: false }],
    });
    expect(q('[data-dyad="note-status"]')?.textContent).toBe('Saved');
  });

  it('adds an action item when the leader presses Enter in its field', async () => {
    const api = background({ session: {} });
    await open();
    await vi.waitFor(() => expect(q<HTMLTextAreaElement>('[data-dyad-action="note"]')?.disabled).toBe(false));

    type('action-item-text', 'Book the follow-up');
    await settle();
    control('action-item-text').dispatchEvent(leader(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));

    await vi.waitFor(() =>
      expect(api.sent('note.save').at(-1)?.payload).toMatchObject({ actionItems: [{ text: 'Book the follow-up', done: false }] }),
    );
    expect(control<HTMLInputElement>('action-item-text').value).toBe('');
  });

  it('saves a note still waiting to be saved when the event closes', async () => {
    const api = background({ session: {} });
    await open();
    await vi.waitFor(() => expect(q<HTMLTextAreaElement>('[data-dyad-action="note"]')?.disabled).toBe(false));

    type('note', 'Last words');
    document.querySelector('[role="dialog"]')!.remove();
    await settle();

    await vi.waitFor(() =>
      expect(api.sent('note.save').map((message) => (message.payload as { body: string }).body)).toEqual(['Last words']),
    );
    expect(document.querySelector('[data-dyad="panel"]')).toBeNull();
  });
});

/** What a script on the page would put in a field it got hold of. */
const forged = 'Written by the page';

/**
 * Watches every `addEventListener` on the DOM's nodes. (happy-dom's nodes inherit from its own
 * EventTarget, which is not the `EventTarget` global vitest leaves in place.)
 */
const watchListeners = () => vi.spyOn(Object.getPrototypeOf(Node.prototype) as EventTarget, 'addEventListener');

/** Every control of the panel's current render with the events Preact listens to on it. */
function listenedControls(added: { mock: { contexts: unknown[]; calls: unknown[][] } }, root: ShadowRoot) {
  const found = new Map<Element, Set<string>>();
  added.mock.contexts.forEach((target, i) => {
    if (!(target instanceof Element) || !target.isConnected || target.getRootNode() !== root) return;
    const types = found.get(target) ?? new Set<string>();
    types.add(String(added.mock.calls[i]![0]));
    found.set(target, types);
  });
  return found;
}

/** An event of `type` as a script makes one, after it changed the field's value (or picked another option). */
function scriptedEvent(target: Element, type: string): Event {
  if (target instanceof HTMLSelectElement) {
    target.value = Array.from(target.options).find((option) => !option.selected && !option.disabled)?.value ?? '';
  } else if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === 'text')) {
    target.value = forged;
  }
  const init = { bubbles: true, cancelable: true, composed: true };
  if (type.startsWith('key')) return new KeyboardEvent(type, { ...init, key: 'Enter' });
  if (type === 'click') return new MouseEvent(type, init);
  return new Event(type, init);
}

/** What the leader sees and would send: the markup, and every field's value or tick. */
function entered(root: ShadowRoot) {
  const fields = Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'));
  return {
    html: root.innerHTML,
    fields: fields.map((field) => (field instanceof HTMLInputElement && field.type === 'checkbox' ? field.checked : field.value)),
  };
}

describe('the Dyad panel and scripts on the calendar page', () => {
  let ctx: ContentScriptContext;

  beforeEach(() => {
    fakeBrowser.reset();
    resetWarnings();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadFixture('google-calendar.html');
    ctx = new ContentScriptContext('calendar');
    panelRoot = catchPanelRoot();
  });

  afterEach(() => {
    ctx.abort();
    vi.restoreAllMocks();
  });

  async function open(options: { isUserInput?: UserInputCheck } = {}) {
    const panel = await createEventPanel(ctx, { onSessionChange: () => {}, ...options });
    watchCalendar(googleCalendar, document, { openEvent: (event) => (event ? panel.show(event) : panel.hide()) }, ctx.signal);
    await settle();
  }

  it('keeps its shadow root closed: the page finds the host, and no shadowRoot on it', async () => {
    background({ signedIn: false });

    await open();
    await vi.waitFor(() => expect(state()).toBe('signed-out'));

    const host = document.querySelector('[data-dyad="panel"]')!;
    expect(host.shadowRoot).toBeNull();
    expect(panelRoot()!.mode).toBe('closed');
    // Nothing of the panel hangs off the host either: no property, no attribute but our test hook.
    expect(Object.keys(host)).toEqual([]);
    expect(host.getAttributeNames().filter((name) => name !== 'style')).toEqual(['data-dyad']);
  });

  it('by default heeds only events the browser marks isTrusted: a script clicking Tag tags nothing', async () => {
    const api = background();
    await open(); // the production check: happy-dom, like a page script, makes no trusted event
    await vi.waitFor(() => expect(state()).toBe('untagged'));

    control('tag').click();
    control('tag').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await settle();

    expect(api.sent('session.tag')).toHaveLength(0);
    expect(state()).toBe('untagged');
    expect(control('tag').textContent).toBe('Tag session');
  });

  it('ignores every event a script fires at any of its controls, and keeps what the leader entered', async () => {
    const api = background({ session: {} });
    api.notes.push({
      id: 'note-1',
      sessionId: 'session-1',
      body: 'What Ana said about hiring',
      visibility: 'private',
      actionItems: [{ text: 'Send the deck', done: false }],
      pending: false,
      clientUpdatedAt: new Date().toISOString(),
    });
    const added = watchListeners();
    await open({ isUserInput: leaderOnly });
    await vi.waitFor(() => expect(q<HTMLTextAreaElement>('[data-dyad-action="note"]')?.value).toBe('What Ana said about hiring'));

    /** A script fires each event type the panel listens for at each control: nothing may change or be sent. */
    const attack = async () => {
      const root = panelRoot()!;
      const before = entered(root);
      const messages = api.received.length;
      const fired: string[] = [];
      for (const [target, types] of listenedControls(added, root)) {
        for (const type of types) {
          target.dispatchEvent(scriptedEvent(target, type));
          await settle();
          fired.push(`${target.getAttribute('data-dyad-action') ?? target.localName} ${type}`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, saveDelayMs + 100)); // no note save was scheduled either
      expect(api.received.slice(messages)).toEqual([]);
      expect(entered(root)).toEqual(before);
      return fired;
    };

    const whilePulseIsDue = await attack();
    click('pulse-4');
    await vi.waitFor(() => expect(state()).toBe('answered'));
    const withFollowUps = await attack();

    expect(whilePulseIsDue).toEqual(
      expect.arrayContaining([
        'cycle change',
        'pulse-1 click',
        'pulse-5 click',
        'note-visibility click',
        'note input',
        'action-item click',
        'action-item-remove click',
        'action-item-text input',
        'action-item-text keydown',
        'action-item-add click',
      ]),
    );
    expect(withFollowUps).toEqual(expect.arrayContaining(['safety-5 click', 'applied-1 click', 'check-in click', 'pulse-done click']));
    // The leader's own click went through, once.
    expect(api.sent('pulse.answer').map((message) => message.payload)).toEqual([
      { sessionId: 'session-1', value: 4, safety: null, applied: null, checkIn: false },
    ]);
  });

  it('ignores a script on the untagged form: no tag, and the leader’s choices stay', async () => {
    const api = background();
    const added = watchListeners();
    await open({ isUserInput: leaderOnly });
    await vi.waitFor(() => expect(state()).toBe('untagged'));
    const root = panelRoot()!;
    const before = entered(root);

    const fired: string[] = [];
    for (const [target, types] of listenedControls(added, root)) {
      for (const type of types) {
        target.dispatchEvent(scriptedEvent(target, type));
        await settle();
        fired.push(`${target.getAttribute('data-dyad-action') ?? target.localName} ${type}`);
      }
    }
    const after = entered(root);
    control('tag').dispatchEvent(leader(new MouseEvent('click', { bubbles: true, cancelable: true })));
    await vi.waitFor(() => expect(state()).toBe('tagged'));

    expect(fired).toEqual(expect.arrayContaining(['engagement change', 'cycle change', 'tag click']));
    expect(before.fields).toEqual(['e-ana', '']);
    expect(after).toEqual(before);
    // The tag the leader sent is the one they saw: Ana's engagement, no cycle.
    expect(api.sent('session.tag').map((message) => message.payload)).toEqual([
      expect.objectContaining({ engagementId: 'e-ana', cycle: null }),
    ]);
  });
});

describe('the time the panel saves', () => {
  let ctx: ContentScriptContext;

  beforeEach(() => {
    fakeBrowser.reset();
    document.body.innerHTML = '<div id="card"></div>';
    ctx = new ContentScriptContext('calendar');
    panelRoot = catchPanelRoot();
  });

  afterEach(() => {
    ctx.abort();
    vi.restoreAllMocks();
  });

  const event = (patch: Partial<CalendarEvent>): CalendarEvent => ({
    provider: 'google',
    eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j',
    title: 'Mentoring: Ana × Ben',
    startsAt: local(2026, 9, 28, 15),
    endsAt: local(2026, 9, 28, 16),
    guests: ['ana.ruiz@example.com'],
    timeCheck: 'agreed',
    ...patch,
  });
  async function show(e: CalendarEvent) {
    const panel = await createEventPanel(ctx, { onSessionChange: () => {}, isUserInput: leaderOnly });
    const card = document.getElementById('card')!;
    panel.show({ container: card, anchor: card, event: e });
    await settle();
  }
  /** The leader sets a date or time field. */
  function set(action: string, value: string) {
    const field = control<HTMLInputElement>(action);
    field.value = value;
    field.dispatchEvent(leader(new Event('change', { bubbles: true })));
  }
  const shown = () => q('[data-dyad="span"]')?.textContent ?? '';
  const clock = (iso: string) => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

  it('shows the day and time it will save, and tags in one click when the calendar’s sources agreed', async () => {
    const api = background();
    await show(event({}));
    await vi.waitFor(() => expect(state()).toBe('untagged'));

    expect(shown()).toContain(`${clock(local(2026, 9, 28, 15))} – ${clock(local(2026, 9, 28, 16))}`);
    expect(q('[data-dyad="time-check"]')).toBeNull();
    expect(control('tag').textContent).toBe('Tag session');
    click('tag');

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(api.sent('session.tag')[0]?.payload).toMatchObject({ startsAt: local(2026, 9, 28, 15), endsAt: local(2026, 9, 28, 16) });
  });

  it('never saves a zero-length time: it says so, and tags only once the leader set an end', async () => {
    const api = background();
    await show(event({ endsAt: local(2026, 9, 28, 15), timeCheck: 'single' }));
    await vi.waitFor(() => expect(state()).toBe('untagged'));

    expect(q('[data-dyad="time-check"]')?.textContent).toContain('no length');
    expect(control<HTMLButtonElement>('tag').disabled).toBe(true);
    click('tag');
    await settle();
    expect(api.sent('session.tag')).toHaveLength(0);

    set('span-end', '15:45');
    await settle();
    expect(control('tag').textContent).toBe('Confirm time and tag');
    click('tag');

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(api.sent('session.tag')[0]?.payload).toMatchObject({ startsAt: local(2026, 9, 28, 15), endsAt: local(2026, 9, 28, 15, 45) });
  });

  it('asks the leader to confirm a time the calendar’s sources disagree on, and saves what they confirmed', async () => {
    const api = background();
    await show(event({ timeCheck: 'conflict' }));
    await vi.waitFor(() => expect(state()).toBe('untagged'));

    expect(q('[data-dyad="time-check"]')?.textContent).toContain('two different times');
    expect(control('tag').textContent).toBe('Confirm time and tag');
    set('span-start', '15:30');
    await settle();
    click('tag');

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(api.sent('session.tag')[0]?.payload).toMatchObject({ startsAt: local(2026, 9, 28, 15, 30), endsAt: local(2026, 9, 28, 16) });
  });

  it('reads an end before the start as past midnight', async () => {
    const api = background();
    await show(event({ startsAt: null, endsAt: null, timeCheck: 'single' }));
    await vi.waitFor(() => expect(state()).toBe('untagged'));

    set('span-date', '2026-09-28');
    set('span-start', '23:30');
    set('span-end', '00:15');
    await settle();
    click('tag');

    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(api.sent('session.tag')[0]?.payload).toMatchObject({ startsAt: local(2026, 9, 28, 23, 30), endsAt: local(2026, 9, 29, 0, 15) });
  });

  it('lets the leader correct a tagged session’s time (a meeting that overran)', async () => {
    const api = background({ session: { startsAt: local(2026, 9, 28, 15), endsAt: local(2026, 9, 28, 16) } });
    await show(event({}));
    await vi.waitFor(() => expect(state()).toBe('tagged'));
    expect(shown()).toContain(clock(local(2026, 9, 28, 16)));

    click('edit-time');
    await settle();
    set('span-end', '16:30');
    await settle();
    click('save-time');

    await vi.waitFor(() => expect(q('[data-dyad-action="span-end"]')).toBeNull());
    expect(shown()).toContain(clock(local(2026, 9, 28, 16, 30)));
    expect(api.sent('session.setTime').map((m) => m.payload)).toEqual([
      { sessionId: 'session-1', startsAt: local(2026, 9, 28, 15), endsAt: local(2026, 9, 28, 16, 30) },
    ]);
  });
});
