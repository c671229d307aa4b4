import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Engagement } from '../../../shared';
import { createEventPanel } from '../../../extension/features/event-panel';
import { saveDelayMs } from '../../../extension/features/session-notes';
import { googleCalendar } from '../../../extension/hosts/google-calendar';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { watchCalendar } from '../../../extension/hosts/watch';
import type { AuthState, Envelope, LocalNote, LocalSession, TagRequest } from '../../../extension/lib/messages';
import { fakeBackground, settle } from '../fake-background';
import { loadFixture, local } from '../fixtures';

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

const shadow = () => document.querySelector('[data-dyad="panel"]')!.shadowRoot!;
const q = <E extends Element = HTMLElement>(selector: string) => shadow().querySelector<E>(selector);
const state = () => q('[data-dyad="panel-state"]')?.getAttribute('data-state');
const click = (action: string) => q(`[data-dyad-action="${action}"]`)!.click();
function type(action: string, value: string) {
  const field = q<HTMLInputElement | HTMLTextAreaElement>(`[data-dyad-action="${action}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
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
  });

  afterEach(() => {
    ctx.abort();
    vi.restoreAllMocks();
  });

  async function open() {
    const panel = await createEventPanel(ctx, { onSessionChange: changes });
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
    const cycle = q<HTMLSelectElement>('[data-dyad-action="cycle"]')!;

    cycle.value = 'talent_review';
    cycle.dispatchEvent(new Event('change', { bubbles: true }));
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
